import type { OutputFormat, SlaTier } from '../entity/types';

/**
 * Schema registry compatibility levels, as the Confluent API names them.
 * {@link compatibilitySatisfies} orders them by what each implies.
 *
 * @public
 */
export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;
/** @public */
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/**
 * Kafka `cleanup.policy` values.
 *
 * @public
 */
export const CLEANUP_POLICIES = [
  'delete',
  'compact',
  'compact,delete',
] as const;
/** @public */
export type CleanupPolicy = (typeof CLEANUP_POLICIES)[number];

/**
 * The placeholders a topic naming rule may use.
 *
 * @public
 */
export const TOPIC_NAMING_PLACEHOLDERS = ['domain', 'name', 'major'] as const;

/**
 * The rules an organisation agrees on once (`dataMesh.governance`), enforced
 * wherever a product is published and flagged on hand-written descriptors.
 * Durations are ISO-8601.
 *
 * @public
 */
export type GovernanceRules = {
  /** Schema formats a product's output may use. */
  allowedFormats: OutputFormat[];
  /** Topic name template with `{domain}`, `{name}` and `{major}`. */
  topicNaming: string;
  /** The weakest subject compatibility level each tier accepts. */
  minCompatibility: Partial<Record<SlaTier, CompatibilityLevel>>;
  /** The fewest `spec.qualityRules` a product of each tier must declare. */
  minQualityRules: Partial<Record<SlaTier, number>>;
  /** Dotted entity paths every product must fill, e.g. `spec.classification`. */
  requiredFields: string[];
  /** Tags every product must carry. */
  requiredTags: string[];
  partitions: { min: number; max: number; default: number };
  /** Wanted replication factor of new topics; capped by the broker count. */
  replicationFactor: number;
  /** Allowed range of topic retention, either bound optional. */
  retention: { min?: string; max?: string };
  /** Settings of new topics per tier. */
  topicDefaults: Record<
    SlaTier,
    { retention: string; cleanupPolicy: CleanupPolicy }
  >;
};

/**
 * The rules by name; each violation says which one it broke.
 *
 * @public
 */
export type GovernanceRuleName =
  | 'allowed-formats'
  | 'topic-naming'
  | 'min-compatibility'
  | 'min-quality-rules'
  | 'required-fields'
  | 'required-tags'
  | 'partitions'
  | 'retention';

/**
 * One broken rule, with the config key that sets it.
 *
 * @public
 */
export type GovernanceViolation = {
  rule: GovernanceRuleName;
  /** e.g. `dataMesh.governance.partitions.max` */
  configKey: string;
  message: string;
};

/**
 * The config section the rules are read from.
 *
 * @public
 */
export const GOVERNANCE_CONFIG_KEY = 'dataMesh.governance';
