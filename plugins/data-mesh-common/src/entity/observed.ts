import type {
  EffectiveSla,
  EffectiveSlaField,
} from '../sla/computeEffectiveSla';
import type { OutputFormat } from './types';

/**
 * What Kafka says about a product's topic. `unknown` means Kafka could not be
 * asked (an outage), which is different from the topic being `missing`.
 *
 * @public
 */
export type TopicFacts =
  | {
      status: 'ok';
      partitions: number;
      replicationFactor: number;
      retentionMs?: number;
      cleanupPolicy?: string;
    }
  | { status: 'missing' }
  | { status: 'unknown' };

/**
 * What the schema registry says about a product's value subject.
 *
 * @public
 */
export type SchemaFacts =
  | {
      status: 'registered';
      subject: string;
      version: number;
      id: number;
      format: OutputFormat;
      compatibility?: string;
    }
  | { status: 'missing'; subject: string }
  | { status: 'unknown'; subject: string };

/**
 * What the processor's consumer groups (`spec.processor`) really read,
 * compared with the declared inputs. Only inputs published on the product's
 * output cluster are compared: the groups are looked for there.
 *
 * @public
 */
export type ObservedProcessorLineage = {
  /** `<cluster>` the groups were looked for on (the output cluster). */
  cluster: string;
  /** The declared groups that have committed offsets on some topic. */
  activeGroups: string[];
  /** Declared inputs whose topic none of the groups has committed offsets on. */
  declaredNotRead: Array<{ input: string; topic: string }>;
  /**
   * Topics the groups have committed offsets on that no declared input
   * publishes, with the product published on it, if any.
   */
  readNotDeclared: Array<{ topic: string; product?: string }>;
};

/**
 * Facts the catalog provider observed and computed for a published product,
 * stored as `spec.observed`. Descriptors do not set it; the provider
 * overwrites whatever a descriptor puts there.
 *
 * @public
 */
export type DataProductObserved = {
  topic: TopicFacts;
  schema: SchemaFacts;
  /** The promise the product can keep given its inputs (weakest link). */
  effectiveSla: EffectiveSla;
  /** Upstream product behind each field weaker than declared. */
  limitedBy: Partial<Record<EffectiveSlaField, string>>;
  /** Where the declared SLA is better than the effective one. */
  slaWarnings: string[];
  /** Inputs not published in the registry topic. */
  missingInputs: string[];
  /**
   * Observed against declared lineage, for products that name their
   * processor's consumer groups. Written by the catalog module's consumer
   * processor from the consumer groups it reads on a schedule, not by the
   * provider (it follows the groups, not the registry topic).
   */
  lineage?: ObservedProcessorLineage;
};
