import type { QualityRule } from '../quality/types';
import type { Entity } from '@backstage/catalog-model';
import type { DATA_MESH_API_VERSION, DATA_PRODUCT_KIND } from '../constants';
import type { DataProductObserved } from './observed';

// The value lists are runtime arrays so that the JSON schema, the SLA ordering
// and UI pickers all read the same source. Where order matters it is stated.

/**
 * Backstage lifecycle of the product.
 *
 * @public
 */
export const DATA_PRODUCT_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
] as const;
/** @public */
export type DataProductLifecycle = (typeof DATA_PRODUCT_LIFECYCLES)[number];

/**
 * Publication status; the ODPS status values without `proposed`.
 *
 * @public
 */
export const DATA_PRODUCT_STATUSES = [
  'draft',
  'active',
  'deprecated',
  'retired',
] as const;
/** @public */
export type DataProductStatus = (typeof DATA_PRODUCT_STATUSES)[number];

/**
 * Serialization of the records on the output topic.
 *
 * @public
 */
export const OUTPUT_FORMATS = ['avro', 'json', 'protobuf'] as const;
/** @public */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * SLA tiers, strongest promise first.
 *
 * @public
 */
export const SLA_TIERS = ['tier-1', 'tier-2', 'tier-3'] as const;
/** @public */
export type SlaTier = (typeof SLA_TIERS)[number];

/**
 * Support windows, widest first.
 *
 * @public
 */
export const SUPPORT_HOURS = ['24x7', 'business-hours'] as const;
/** @public */
export type SupportHours = (typeof SUPPORT_HOURS)[number];

/** @public */
export const DATA_QUALITIES = ['raw', 'curated', 'authoritative'] as const;
/** @public */
export type DataQuality = (typeof DATA_QUALITIES)[number];

/** @public */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;
/** @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

// Type aliases rather than interfaces: Entity.spec is a JsonObject, and only
// type aliases are assignable to its index signature.

/**
 * The output port: where consumers read the product.
 *
 * @public
 */
export type OutputPort = {
  /** Cluster name as configured for the data mesh backend. */
  cluster: string;
  topic: string;
  format: OutputFormat;
  /** Schema registry subject; `<topic>-value` when absent. */
  schemaSubject?: string;
};

/**
 * The service level the owner commits to. Durations are ISO-8601.
 *
 * @public
 */
export type Sla = {
  tier: SlaTier;
  /** Percent of time the topic is readable, 0 to 100. */
  availability: number;
  /** Maximum age of the newest record, e.g. `PT5M`. */
  freshness: string;
  /** How long records stay readable, e.g. `P7D`. */
  retention?: string;
  supportHours: SupportHours;
  /** Time to first response from on-call, e.g. `PT1H`. */
  responseTime?: string;
  /** Where to page the owner. */
  onCall: string;
};

/** @public */
export type Deprecation = {
  /** The last day the product is served, `YYYY-MM-DD`. */
  sunset: string;
  /** Entity ref of the product to move to. */
  replacement?: string;
  reason: string;
};

/**
 * The stream processor that produces the product, named by its Kafka
 * consumer groups. The groups are plain group ids on the product's output
 * cluster (`spec.output.cluster`): the processor reads its inputs where it
 * writes its output. What they have committed offsets on is compared with
 * `spec.inputs` (`spec.observed.lineage`), and they count as consumers of
 * the product's inputs, attributed to this product and its owner.
 *
 * @public
 */
export type DataProductProcessorSpec = {
  /** Consumer group ids, at most 20, e.g. `payments.high-value-orders`. */
  consumerGroups: string[];
};

/** @public */
export type DataProductSpec = {
  /** Entity ref of the owning group or user. */
  owner: string;
  domain: string;
  system?: string;
  lifecycle: DataProductLifecycle;
  /** `active` when absent. */
  status?: DataProductStatus;
  output: OutputPort;
  /** Entity refs of the data products this one is built from. */
  inputs?: string[];
  /** The consumer groups of the processor that produces the product. */
  processor?: DataProductProcessorSpec;
  sla: Sla;
  quality?: DataQuality;
  /** What the records promise, checked on the live stream (ODCS v3.1 quality). */
  qualityRules?: QualityRule[];
  classification?: DataClassification;
  /** Dotted paths of record fields holding personal data, masked in samples. */
  piiFields?: string[];
  /** Required when `status` is `deprecated`. */
  deprecation?: Deprecation;
  /** Written by the catalog provider, never by the owner. */
  observed?: DataProductObserved;
};

/** @public */
export interface DataProductEntity extends Entity {
  apiVersion: typeof DATA_MESH_API_VERSION;
  kind: typeof DATA_PRODUCT_KIND;
  spec: DataProductSpec;
}
