import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConcurrencyGate } from './ConcurrencyGate';

/**
 * Live reads under way at once per cluster when the config does not say.
 * The Kafka service queues the actual Kafka calls behind its own smaller
 * pools (with deadlines); this cap only sheds load once that queue would
 * grow long. At 4 a single Live tab (three reads) plus a discovery page
 * refreshing after a broker restart, when every read is slow at once, was
 * already refused (measured by `yarn chaos`).
 */
export const DEFAULT_KAFKA_READS_PER_CLUSTER = 16;
/** Synthetic generations at once when the config does not say. */
export const DEFAULT_SYNTHETIC_GENERATIONS = 2;
/**
 * What a client refused for being over a cap is told to wait: about as
 * long as a live read or a large generation takes.
 */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** The caps on concurrent expensive work of one data mesh backend. */
export interface RequestLimits {
  /**
   * Live reads (health, consumers, freshness, samples) under way at once,
   * per cluster name: each holds a Kafka consumer or a round of admin
   * calls on that cluster.
   */
  kafkaReads: ConcurrencyGate;
  /** Synthetic record generations under way at once, under the key ''. */
  synthetic: ConcurrencyGate;
}

function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a positive integer, not ${value}`);
  }
  return value;
}

/**
 * The caps from `dataMesh.limits.kafkaReadsPerCluster` and
 * `dataMesh.limits.syntheticGenerations`.
 */
export function readRequestLimits(config: Config): RequestLimits {
  return {
    kafkaReads: new ConcurrencyGate({
      limit: positiveInteger(
        config,
        'dataMesh.limits.kafkaReadsPerCluster',
        DEFAULT_KAFKA_READS_PER_CLUSTER,
      ),
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
      describe: cluster => `live reads of the Kafka cluster '${cluster}'`,
    }),
    synthetic: new ConcurrencyGate({
      limit: positiveInteger(
        config,
        'dataMesh.limits.syntheticGenerations',
        DEFAULT_SYNTHETIC_GENERATIONS,
      ),
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
      describe: () => 'synthetic record generations',
    }),
  };
}

/**
 * The backend's caps, one set per backend, read from config. A service, so
 * that a test (or an adopter with a shared limiter) can put its own in.
 */
export const requestLimitsServiceRef = createServiceRef<RequestLimits>({
  id: 'data-mesh.request-limits',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => readRequestLimits(config),
    }),
});
