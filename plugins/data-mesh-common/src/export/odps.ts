import { parseEntityRef } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { inputRefsOf, productIdOf, statusOf } from '../entity/helpers';
import type { DataProductEntity } from '../entity/types';
import {
  OdpsCustomProperty,
  OpenStandardTeam,
  OwnerDetails,
  PORT_VERSION,
  contractIdOf,
  supportOf,
  teamOf,
} from './shared';
import { OdcsSlaProperty, toSlaProperties } from './slaProperties';

/**
 * The ODPS versions this plugin writes: v1.1.0 (default) and v1.0.0. One
 * document cannot be both, as each schema allows only its own and older
 * `apiVersion` values (and v1.0.0 knows no `deprecated` flag).
 *
 * @public
 */
export type OdpsVersion = 'v1.1.0' | 'v1.0.0';

/** @public */
export const ODPS_VERSIONS: readonly OdpsVersion[] = ['v1.1.0', 'v1.0.0'];

/**
 * The part of an ODPS v1.0.0/v1.1.0 document this plugin writes and reads.
 *
 * @public
 */
export interface OdpsDataProduct {
  apiVersion: OdpsVersion;
  kind: 'DataProduct';
  id: string;
  name: string;
  /** v1.1.0 only, set for deprecated products. */
  deprecated?: boolean;
  version?: string;
  status: string;
  domain: string;
  description?: { purpose?: string };
  tags?: string[];
  inputPorts?: Array<{ name: string; version: string; contractId: string }>;
  outputPorts: Array<{
    name: string;
    description?: string;
    type: string;
    version: string;
    contractId: string;
  }>;
  support: Array<{ channel: string; url: string; scope: string }>;
  team: OpenStandardTeam;
  customProperties: OdpsCustomProperty[];
}

/**
 * Options of {@link toOdps}.
 *
 * @public
 */
export interface ToOdpsOptions {
  /** Default v1.1.0. */
  version?: OdpsVersion;
  /** The owner's title and members, when known. */
  owner?: OwnerDetails;
}

/*
 * How a DataProduct maps to ODPS v1.1.0 / v1.0.0 (whose schemas allow no
 * fields of their own beyond the standard ones, hence customProperties):
 *
 *   product id <namespace>/<name> → id: the registry key, unique and stable.
 *   metadata.title (or name)      → name
 *   spec.status (default active)  → status: ours are a subset of ODPS's;
 *                                   v1.1.0 also sets `deprecated: true` for a
 *                                   deprecated product.
 *   spec.domain                   → domain
 *   metadata.description          → description.purpose
 *   metadata.tags                 → tags
 *   spec.owner                    → team: an object named after the owner's
 *                                   entity ref, with its title as description
 *                                   and its members when the caller knows them.
 *   spec.sla.onCall               → support: channel `on-call`, scope issues.
 *   spec.output                   → outputPorts: one port named after the
 *                                   topic, type `topic`, whose contractId is
 *                                   the id of its ODCS v3.1 contract (odcs.ts),
 *                                   and in full as the `output` custom property.
 *   spec.inputs                   → inputPorts, named after the input, the
 *                                   contract being the input's output port.
 *   spec.sla (but onCall)         → customProperty `slaProperties`, in ODCS v3
 *                                   form (see slaProperties.ts).
 *   lifecycle, system, quality, classification, piiFields, deprecation
 *                                 → customProperties of the same name.
 *   spec.qualityRules             → not here: they are the output port's
 *                                   contract (ODCS `quality`), see odcs.ts.
 *
 * The product itself has no version (see PORT_VERSION), so `version` is
 * left out.
 */
export const SLA_PROPERTIES = 'slaProperties';
export const CUSTOM_SPEC_FIELDS = [
  'lifecycle',
  'system',
  'output',
  'quality',
  'classification',
  'piiFields',
  'deprecation',
] as const;

/**
 * The product as an ODPS document, v1.1.0 unless `options.version` says
 * v1.0.0.
 *
 * @public
 */
export function toOdps(
  entity: DataProductEntity,
  options: ToOdpsOptions = {},
): OdpsDataProduct {
  const version = options.version ?? 'v1.1.0';
  if (!ODPS_VERSIONS.includes(version)) {
    throw new TypeError(
      `ODPS ${version} is not supported; one of ${ODPS_VERSIONS.join(', ')}`,
    );
  }
  const { metadata, spec } = entity;
  const status = statusOf(entity);
  const inputs = inputRefsOf(entity).map(ref => parseEntityRef(ref));
  const sla: OdcsSlaProperty[] = toSlaProperties(spec.sla);
  return {
    apiVersion: version,
    kind: 'DataProduct',
    id: productIdOf(entity),
    name: metadata.title ?? metadata.name,
    ...(version !== 'v1.0.0' && status === 'deprecated'
      ? { deprecated: true }
      : {}),
    status,
    domain: spec.domain,
    ...(metadata.description
      ? { description: { purpose: metadata.description } }
      : {}),
    ...(metadata.tags?.length ? { tags: metadata.tags } : {}),
    ...(inputs.length
      ? {
          inputPorts: inputs.map(input => ({
            name: input.name,
            version: PORT_VERSION,
            contractId: `${input.namespace}/${input.name}`,
          })),
        }
      : {}),
    outputPorts: [
      {
        name: spec.output.topic,
        description: `Kafka topic ${spec.output.topic} (${spec.output.format}) on cluster ${spec.output.cluster}`,
        type: 'topic',
        version: PORT_VERSION,
        contractId: contractIdOf(entity),
      },
    ],
    support: supportOf(entity),
    team: teamOf(entity, options.owner),
    customProperties: [
      {
        property: SLA_PROPERTIES,
        value: sla,
        description: 'ODCS v3 slaProperties of the output port',
      },
      ...CUSTOM_SPEC_FIELDS.filter(field => spec[field] !== undefined).map(
        field => ({ property: field, value: spec[field] }),
      ),
    ],
  };
}

/**
 * The product as an ODPS YAML document.
 *
 * @public
 */
export function toOdpsYaml(
  entity: DataProductEntity,
  options: ToOdpsOptions = {},
): string {
  return stringify(toOdps(entity, options));
}
