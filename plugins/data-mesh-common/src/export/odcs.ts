import { stringify } from 'yaml';
import { schemaSubjectOf, statusOf } from '../entity/helpers';
import type { DataProductEntity } from '../entity/types';
import type { QualityRule } from '../quality/types';
import { FRESHNESS_RULES, placeQualityRules, propertyAt } from './odcsQuality';
import {
  OdcsQualityCheck,
  OdcsSchemaProperty,
  RegistrySchema,
  translateRegistrySchema,
} from './odcsSchema';
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
 * The Kafka cluster of the output port, as far as a contract shows it: its
 * bootstrap servers. Anything else a cluster config holds (SASL, TLS) is
 * never read, so passing a whole cluster config is safe.
 *
 * @public
 */
export interface OdcsClusterInfo {
  brokers?: readonly string[];
}

/**
 * Options of {@link toOdcs}.
 *
 * @public
 */
export interface ToOdcsOptions {
  /** The output cluster's bootstrap servers, when known. */
  cluster?: OdcsClusterInfo;
  /** The latest registered value schema, translated into `schema`. */
  schema?: RegistrySchema;
  /** The owner's title and members, when known. */
  owner?: OwnerDetails;
}

/**
 * The ODCS v3.1.0 schema object of a Kafka topic.
 *
 * @public
 */
export interface OdcsSchemaObject {
  name: string;
  physicalName: string;
  logicalType: 'object';
  physicalType: string;
  description?: string;
  properties?: OdcsSchemaProperty[];
  quality?: OdcsQualityCheck[];
  customProperties?: OdpsCustomProperty[];
}

/**
 * An ODCS v3.1.0 data contract as {@link toOdcs} writes it.
 *
 * @public
 */
export interface OdcsDataContract {
  apiVersion: 'v3.1.0';
  kind: 'DataContract';
  id: string;
  name: string;
  version: string;
  status: string;
  domain: string;
  description?: { purpose?: string };
  tags?: string[];
  team: OpenStandardTeam;
  roles: Array<{ role: string; access: string; firstLevelApprovers: string }>;
  support: Array<{ channel: string; url: string; scope: string }>;
  servers: Array<{
    server: string;
    type: 'kafka';
    host: string;
    format: string;
    customProperties: OdpsCustomProperty[];
  }>;
  schema: OdcsSchemaObject[];
  slaProperties: OdcsSlaProperty[];
  customProperties: OdpsCustomProperty[];
}

/*
 * How the product's output port maps to an ODCS v3.1.0 contract:
 *
 *   id                  → the port's contractId in the ODPS document (the
 *                         product id: one port per product).
 *   name, status, domain, description.purpose, tags, team, support
 *                       → as in the ODPS document (odps.ts).
 *   version             → 1.0.0, the port's only version (see shared.ts).
 *   roles               → one role, `consumer` with read access, approved by
 *                         the owner: access to a product is requested from
 *                         its owner.
 *   servers             → one server of type kafka named after the cluster;
 *                         host = its bootstrap servers (comma separated) when
 *                         the caller passes them, else the cluster's name (ODCS
 *                         requires a host); format = avro, json or protobuf;
 *                         the topic as the server's `topic` custom property
 *                         (ODCS's kafka server has no topic field).
 *   schema              → one object: the topic (physicalName, physicalType
 *                         `topic`) named after the record/message/title of the
 *                         registry schema, whose fields become its properties
 *                         (odcsSchema.ts); PII fields are tagged `pii`; the
 *                         subject is the `schemaSubject` custom property.
 *   quality, freshness  → see odcsQuality.ts.
 *   slaProperties       → the declared SLA (slaProperties.ts) and the
 *                         freshness rules.
 *   customProperties    → dataProduct (the product id; ODCS's `dataProduct`
 *                         field is deprecated), lifecycle, classification,
 *                         deprecation, and freshnessRules when there are any.
 */

const CONSUMER_ROLE = 'consumer';

/**
 * The ODCS v3.1.0 contract of the product's output port.
 *
 * @public
 */
export function toOdcs(
  entity: DataProductEntity,
  options: ToOdcsOptions = {},
): OdcsDataContract {
  const { metadata, spec } = entity;
  const { topic, cluster, format } = spec.output;
  const translated = options.schema
    ? translateRegistrySchema(options.schema)
    : undefined;
  const properties = translated?.properties ?? [];
  for (const path of spec.piiFields ?? []) {
    const property = propertyAt(properties, path);
    if (property && !property.tags?.includes('pii')) {
      property.tags = [...(property.tags ?? []), 'pii'];
    }
  }
  const objectName = translated?.name ?? topic;
  const rules: QualityRule[] = spec.qualityRules ?? [];
  const placed = placeQualityRules(rules, properties, objectName);
  const brokers = options.cluster?.brokers?.filter(Boolean) ?? [];
  const custom: OdpsCustomProperty[] = [
    { property: 'dataProduct', value: contractIdOf(entity) },
    { property: 'lifecycle', value: spec.lifecycle },
    ...(['classification', 'deprecation'] as const)
      .filter(field => spec[field] !== undefined)
      .map(field => ({ property: field, value: spec[field] })),
    ...(placed.freshnessRules.length
      ? [{ property: FRESHNESS_RULES, value: placed.freshnessRules }]
      : []),
  ];
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: contractIdOf(entity),
    name: metadata.title ?? metadata.name,
    version: PORT_VERSION,
    status: statusOf(entity),
    domain: spec.domain,
    ...(metadata.description
      ? { description: { purpose: metadata.description } }
      : {}),
    ...(metadata.tags?.length ? { tags: metadata.tags } : {}),
    team: teamOf(entity, options.owner),
    roles: [
      { role: CONSUMER_ROLE, access: 'read', firstLevelApprovers: spec.owner },
    ],
    support: supportOf(entity),
    servers: [
      {
        server: cluster,
        type: 'kafka',
        host: brokers.length ? brokers.join(',') : cluster,
        format,
        customProperties: [{ property: 'topic', value: topic }],
      },
    ],
    schema: [
      {
        name: objectName,
        physicalName: topic,
        logicalType: 'object',
        physicalType: 'topic',
        ...(translated?.description
          ? { description: translated.description }
          : {}),
        ...(properties.length ? { properties } : {}),
        ...(placed.objectChecks.length ? { quality: placed.objectChecks } : {}),
        customProperties: [
          { property: 'schemaSubject', value: schemaSubjectOf(entity) },
          ...(translated
            ? [{ property: 'schemaType', value: translated.physicalType }]
            : []),
        ],
      },
    ],
    slaProperties: [...toSlaProperties(spec.sla), ...placed.slaProperties],
    customProperties: custom,
  };
}

/**
 * The contracts of every output port (one today), by contract id.
 *
 * @public
 */
export function toOdcsContracts(
  entity: DataProductEntity,
  options: ToOdcsOptions = {},
): OdcsDataContract[] {
  return [toOdcs(entity, options)];
}

/**
 * The contract as an ODCS v3.1.0 YAML document.
 *
 * @public
 */
export function toOdcsYaml(
  entity: DataProductEntity,
  options: ToOdcsOptions = {},
): string {
  return stringify(toOdcs(entity, options));
}
