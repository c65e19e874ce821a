import type { OutputFormat } from '../entity/types';
import type { GovernanceRules } from '../governance/types';

// The data mesh backend's REST API (`/api/data-mesh`), shared by the backend
// that serves it and the frontend that reads it. Product routes are
// `/products/:namespace/:name/...`.

/**
 * `GET …/schema/versions`
 *
 * @public
 */
export interface SchemaVersionsResponse {
  subject: string;
  /** The subject's compatibility level (falls back to the global one). */
  compatibility?: string;
  /** Registered versions, oldest first. */
  versions: number[];
}

/**
 * One field of a record schema, flattened to a dotted path.
 *
 * @public
 */
export interface SchemaField {
  path: string;
  type: string;
  doc?: string;
  /** JSON of the default value, when the schema declares one. */
  default?: string;
  nullable: boolean;
  /** Listed in the descriptor's `piiFields` or tagged PII in the schema. */
  pii: boolean;
}

/**
 * `GET …/schema/versions/:version` (`latest` allowed)
 *
 * @public
 */
export interface SchemaVersionResponse {
  subject: string;
  version: number;
  id: number;
  format: OutputFormat;
  /** The schema text as registered. */
  schema: string;
  fields: SchemaField[];
}

/** @public */
export interface SchemaFieldChange {
  path: string;
  change: 'added' | 'removed' | 'type-changed' | 'default-changed';
  before?: string;
  after?: string;
}

/**
 * `GET …/schema/diff?from=1&to=2`
 *
 * @public
 */
export interface SchemaDiffResponse {
  subject: string;
  from: number;
  to: number;
  changes: SchemaFieldChange[];
}

/** @public */
export type FreshnessStatus = 'ok' | 'at-risk' | 'breached' | 'unknown';

/** @public */
export interface PartitionHealth {
  partition: number;
  startOffset: string;
  endOffset: string;
  /** Timestamp of the newest record, ISO; absent for an empty partition. */
  newestRecordAt?: string;
}

/**
 * The rate of appended records in one time window.
 *
 * @public
 */
export interface ThroughputPoint {
  /** End of the window, ISO. */
  at: string;
  /** Records appended per second within the window. */
  perSecond: number;
}

/**
 * `GET …/health`
 *
 * @public
 */
export interface ProductHealthResponse {
  topic: string;
  partitions: PartitionHealth[];
  /** Newest record over all partitions, ISO. */
  newestRecordAt?: string;
  freshness: {
    status: FreshnessStatus;
    /** The SLA's freshness promise in ms. */
    slaMs: number;
    /** Age of the newest record in ms at `observedAt`. */
    ageMs?: number;
  };
  /**
   * Records per second over the last minute (the newest window of
   * {@link ProductHealthResponse.throughputHistory}).
   */
  throughputPerSecond: number;
  /**
   * Records per second in each of the last 10 one-minute windows, oldest
   * first. `at` is the end of the window, ISO.
   */
  throughputHistory: ThroughputPoint[];
  /** Bytes on disk over all partitions, when the broker reports it. */
  sizeBytes?: number;
  observedAt: string;
  /**
   * Why a derived product breached its freshness, found by walking its
   * inputs live: absent unless breached and a cause was found.
   */
  rootCause?: ProductRootCause;
}

/**
 * The first upstream product found behind a freshness breach.
 *
 * @public
 */
export interface ProductRootCause {
  /** Entity ref of the product at fault. */
  product: string;
  /**
   * `upstream-breached`: that input is itself stale (the deepest stale one
   * on the path); `processor-lagging`: that product's processor is behind
   * on its inputs, which are fresh.
   */
  reason: 'upstream-breached' | 'processor-lagging';
  /** One sentence for people, e.g. how stale or how far behind. */
  detail: string;
  /** The products from the breached one to the cause, refs. */
  path?: string[];
}

/**
 * The most products one `POST /freshness` request may ask about.
 *
 * @public
 */
export const MAX_FRESHNESS_ENTITY_REFS = 500;

/**
 * `POST /freshness` with a JSON body: the products to report on.
 *
 * @public
 */
export interface ProductsFreshnessRequest {
  /**
   * DataProduct entity refs (`dataproduct:<namespace>/<name>`; kind and
   * namespace may be left out), at most {@link MAX_FRESHNESS_ENTITY_REFS}.
   */
  entityRefs: string[];
}

/**
 * The live freshness of one product: its newest record against its SLA.
 *
 * @public
 */
export interface ProductFreshness {
  status: FreshnessStatus;
  /** Newest record over all partitions, ISO; absent when there is none. */
  newestRecordAt?: string;
  /** Age of the newest record in ms when it was observed. */
  ageMs?: number;
  /** The declared SLA freshness the status is judged against, ISO-8601. */
  slaFreshness: string;
}

/**
 * `POST /freshness`: keyed by the entity refs as requested. Refs naming no
 * DataProduct the caller may see in the catalog are left out.
 *
 * @public
 */
export interface ProductsFreshnessResponse {
  items: Record<string, ProductFreshness>;
}

/** @public */
export interface ConsumerGroupLag {
  groupId: string;
  state?: string;
  totalLag: number;
  partitions: Array<{
    partition: number;
    committedOffset: string;
    endOffset: string;
    lag: number;
  }>;
  /** Entity ref of the catalog Component annotated with this group. */
  component?: string;
  /**
   * Entity ref of the data product whose processor this group is (it names
   * the group in `spec.processor.consumerGroups`): the group reads this
   * product's topic as an input of that derived product.
   */
  product?: string;
}

/**
 * `GET …/consumers`
 *
 * @public
 */
export interface ProductConsumersResponse {
  topic: string;
  groups: ConsumerGroupLag[];
  observedAt: string;
}

/** @public */
export interface SampleRecord {
  partition: number;
  offset: string;
  timestamp: string;
  key?: string;
  /** The decoded value, PII fields replaced unless the reader may see them. */
  value: unknown;
  /**
   * Dotted paths that were masked in this record; those masked in the key
   * (a key that decodes to an object) read `key:<path>`.
   */
  masked: string[];
}

/**
 * `GET …/samples?limit=N` (N ≤ 50)
 *
 * @public
 */
export interface ProductSamplesResponse {
  records: SampleRecord[];
  /** Whether the caller holds the PII permission. */
  piiVisible: boolean;
  /**
   * Fields the latest registered schema marks personal (Avro `pii`,
   * `confluent:tags` PII, Protobuf `confluent.field_meta` tags) that the
   * descriptor's `piiFields` does not list: masked like the listed ones,
   * and a finding for the owner to list them.
   */
  unlistedPiiFields?: string[];
}

/**
 * A topic with a registered value schema that is not yet a data product.
 *
 * @public
 */
export interface CandidateStream {
  /** The configured cluster name. */
  cluster: string;
  topic: string;
  /** The value schema's subject, `<topic>-value`. */
  subject: string;
  /** How the subject's registered schema is written. */
  format: OutputFormat;
}

/**
 * `GET /api/catalog/data-mesh/candidate-streams`, served by the catalog
 * module (not by the data mesh backend): streams their owners could publish.
 *
 * @public
 */
export interface CandidateStreamsResponse {
  items: CandidateStream[];
}

/**
 * `GET /governance`: the rules the organisation agreed on, defaults applied.
 *
 * @public
 */
export interface GovernanceRulesResponse {
  rules: GovernanceRules;
}

/**
 * `GET …/synthetic?count=N`: made-up records that follow the product's latest
 * schema, for consumers' tests.
 *
 * @public
 */
export interface SyntheticRecordsResponse {
  records: Array<Record<string, unknown>>;
}
