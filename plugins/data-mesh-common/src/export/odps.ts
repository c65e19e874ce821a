import { parseEntityRef } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { DATA_MESH_API_VERSION, DATA_PRODUCT_KIND } from '../constants';
import {
  inputRefsOf,
  parseProductId,
  productIdOf,
  statusOf,
  toDataProductRef,
} from '../entity/helpers';
import type { DataProductEntity, DataProductSpec } from '../entity/types';
import {
  DataProductValidationResult,
  validateDataProductEntity,
} from '../entity/validateDataProductEntity';
import {
  OdcsSlaProperty,
  fromSlaProperties,
  toSlaProperties,
} from './slaProperties';

/** @public */
export interface OdpsCustomProperty {
  property: string;
  value: unknown;
  description?: string;
}

/**
 * The part of an ODPS v1.0.0 document this plugin writes and reads.
 *
 * @public
 */
export interface OdpsDataProduct {
  apiVersion: 'v1.0.0';
  kind: 'DataProduct';
  id: string;
  name: string;
  status: string;
  domain: string;
  description?: { purpose?: string };
  tags?: string[];
  inputPorts?: Array<{ name: string; version: string; contractId: string }>;
  outputPorts: Array<{
    name: string;
    type: string;
    version: string;
    contractId: string;
  }>;
  support: Array<{ channel: string; url: string; scope: string }>;
  team: Array<{ username: string; role: string }>;
  customProperties: OdpsCustomProperty[];
}

/*
 * How a DataProduct maps to ODPS v1.0.0 (whose schema allows no fields of
 * its own beyond the standard ones, hence customProperties):
 *
 *   product id <namespace>/<name> → id: the registry key, unique and stable.
 *   metadata.title (or name)      → name
 *   spec.status (default active)  → status: ours are a subset of ODPS's.
 *   spec.domain                   → domain
 *   metadata.description          → description.purpose
 *   metadata.tags                 → tags
 *   spec.owner                    → team: one member with role owner; the
 *                                   entity ref is the owner's identifier.
 *   spec.sla.onCall               → support: channel `on-call`, scope issues.
 *   spec.output                   → outputPorts: one port named after the
 *                                   topic, type `topic` (the word ODPS and
 *                                   ODCS use for Kafka), and in full as the
 *                                   `output` custom property.
 *   spec.inputs                   → inputPorts, named after the input.
 *   spec.sla (but onCall)         → customProperty `slaProperties`, in ODCS v3
 *                                   form (see slaProperties.ts).
 *   lifecycle, system, quality, classification, piiFields, deprecation
 *                                 → customProperties of the same name.
 *
 * A product has exactly one output port, whose contract is the product's
 * topic and schema subject, so a contractId is the product id. Port versions
 * are ODPS-required but we have none to give: compatible schema changes stay
 * under one subject, a breaking change is a new product that replaces this
 * one, so each port is at its first and only version.
 */
const PORT_VERSION = '1.0.0';
const SLA_PROPERTIES = 'slaProperties';
const ON_CALL_CHANNEL = 'on-call';
const OWNER_ROLE = 'owner';
const CUSTOM_SPEC_FIELDS = [
  'lifecycle',
  'system',
  'output',
  'quality',
  'classification',
  'piiFields',
  'deprecation',
] as const;

/**
 * The product as an ODPS v1.0.0 document.
 *
 * @public
 */
export function toOdps(entity: DataProductEntity): OdpsDataProduct {
  const { metadata, spec } = entity;
  const inputs = inputRefsOf(entity).map(ref => parseEntityRef(ref));
  return {
    apiVersion: 'v1.0.0',
    kind: 'DataProduct',
    id: productIdOf(entity),
    name: metadata.title ?? metadata.name,
    status: statusOf(entity),
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
        type: 'topic',
        version: PORT_VERSION,
        contractId: productIdOf(entity),
      },
    ],
    support: [
      { channel: ON_CALL_CHANNEL, url: spec.sla.onCall, scope: 'issues' },
    ],
    team: [{ username: spec.owner, role: OWNER_ROLE }],
    customProperties: [
      {
        property: SLA_PROPERTIES,
        value: toSlaProperties(spec.sla),
        description: 'ODCS v3 slaProperties of the output port',
      },
      ...CUSTOM_SPEC_FIELDS.filter(field => spec[field] !== undefined).map(
        field => ({ property: field, value: spec[field] }),
      ),
    ],
  };
}

/**
 * The product as an ODPS v1.0.0 YAML document.
 *
 * @public
 */
export function toOdpsYaml(entity: DataProductEntity): string {
  return stringify(toOdps(entity));
}

/**
 * Reads an ODPS document written by {@link toOdps} back into a descriptor and
 * validates it. Documents from other tools may lack any part; errors then
 * name the descriptor fields that stayed empty.
 *
 * @public
 */
export function fromOdps(doc: OdpsDataProduct): DataProductValidationResult {
  let id: { namespace: string; name: string };
  try {
    id = parseProductId(doc.id);
  } catch (error) {
    return {
      valid: false,
      errors: [{ path: 'id', message: (error as Error).message }],
    };
  }
  const custom = new Map(
    (doc.customProperties ?? []).map(p => [p.property, p.value]),
  );
  const extras = Object.fromEntries(
    CUSTOM_SPEC_FIELDS.filter(field => custom.has(field)).map(field => [
      field,
      custom.get(field),
    ]),
  ) as Partial<DataProductSpec>;
  const entity = {
    apiVersion: DATA_MESH_API_VERSION,
    kind: DATA_PRODUCT_KIND,
    metadata: {
      ...id,
      title: doc.name !== id.name ? doc.name : undefined,
      description: doc.description?.purpose,
      tags: doc.tags,
    },
    spec: {
      owner: doc.team?.find(member => member.role === OWNER_ROLE)?.username,
      domain: doc.domain,
      status: doc.status,
      ...extras,
      inputs: doc.inputPorts?.map(port => toDataProductRef(port.contractId)),
      sla: {
        ...fromSlaProperties(
          (custom.get(SLA_PROPERTIES) as OdcsSlaProperty[] | undefined) ?? [],
        ),
        onCall: doc.support?.find(s => s.channel === ON_CALL_CHANNEL)?.url,
      },
    },
  };
  // JSON drops the fields left undefined, as if they were never written.
  return validateDataProductEntity(JSON.parse(JSON.stringify(entity)));
}
