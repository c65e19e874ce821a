import { NotFoundError, stringifyError } from '@backstage/errors';
import type {
  Admin,
  Consumer,
  ConsumerConfig,
  Kafka,
  Producer,
  ProducerConfig,
} from 'kafkajs';
import type { DataMeshConfig, KafkaClusterConfig } from '../config/types';
import { Backoff } from './backoff';
import { createKafka } from './createKafka';
import {
  isKafkaAuthorizationError,
  isKafkaError,
  KafkaNotAuthorizedError,
  isUnknownTopicError,
  KafkaUnavailableError,
} from './errors';
import { Semaphore } from './Semaphore';
import { withTimeout } from './withTimeout';

/**
 * How long one call to Kafka may take, unless the service is told otherwise.
 *
 * @public
 */
export const DEFAULT_KAFKA_CALL_TIMEOUT_MS = 10_000;

/** @public */
export interface KafkaServiceOptions {
  /** The deadline of every admin call, its wait for a place included. */
  callTimeoutMs?: number;
  /** Admin calls at once per cluster; more wait their turn. */
  adminConcurrency?: number;
  /** Read consumers at once per cluster; more wait their turn. */
  consumerConcurrency?: number;
}

/**
 * One configured Kafka cluster, as every part of the suite reaches it.
 *
 * @public
 */
export interface KafkaCluster {
  readonly name: string;
  readonly config: KafkaClusterConfig;
  /** The kafkajs client, for readers that manage a consumer themselves. */
  readonly kafka: Kafka;
  /**
   * One call with the cluster's shared admin, bounded in time and in
   * concurrency. A failure closes the admin so that the next call builds a
   * fresh one (after a short backoff).
   *
   * @param topic - the topic the call is about: "it does not exist" is
   *   then answered as a NotFoundError, and only after fresh metadata says
   *   so.
   * @throws KafkaUnavailableError when Kafka cannot answer
   */
  admin<T>(
    what: string,
    fn: (admin: Admin) => Promise<T>,
    options?: { topic?: string },
  ): Promise<T>;
  /**
   * A producer for `fn`, connected and always disconnected.
   *
   * @throws KafkaUnavailableError when Kafka cannot be reached or fails the
   *   work (the caller's own errors pass through)
   */
  producer<T>(
    fn: (producer: Producer) => Promise<T>,
    config?: ProducerConfig,
  ): Promise<T>;
  /**
   * A consumer for `fn`, from a bounded pool of places: connected by `fn`,
   * always disconnected afterwards.
   */
  consumer<T>(
    config: ConsumerConfig,
    fn: (consumer: Consumer) => Promise<T>,
  ): Promise<T>;
  /**
   * Work that makes and disconnects its own consumer (such as
   * readOffsetRanges) in one place of the same bounded pool.
   */
  reading<T>(fn: (kafka: Kafka) => Promise<T>): Promise<T>;
}

/**
 * The suite's one way to Kafka: the catalog module, the backend plugin and
 * the scaffolder actions share it, so they connect, time out and recover by
 * the same rules.
 *
 * @public
 */
export interface KafkaService {
  clusterNames(): string[];
  /** @throws NotFoundError for a cluster that is not configured */
  cluster(name: string): KafkaCluster;
  stop(): Promise<void>;
}

class ClusterConnection implements KafkaCluster {
  readonly kafka: Kafka;
  private admin_?: Promise<Admin>;
  private readonly backoff = new Backoff();
  private readonly admins: Semaphore;
  private readonly consumers: Semaphore;

  constructor(
    readonly config: KafkaClusterConfig,
    clientId: string,
    private readonly timeoutMs: number,
    options: KafkaServiceOptions,
  ) {
    // Few retries inside kafkajs: every call has a deadline of its own, and
    // a failed one rebuilds the admin rather than retrying on a bad one.
    this.kafka = createKafka(config, {
      clientId,
      retries: 1,
      connectionTimeoutMs: Math.min(3000, timeoutMs),
    });
    this.admins = new Semaphore(options.adminConcurrency ?? 8);
    this.consumers = new Semaphore(options.consumerConcurrency ?? 4);
  }

  get name(): string {
    return this.config.name;
  }

  async admin<T>(
    what: string,
    fn: (admin: Admin) => Promise<T>,
    options: { topic?: string } = {},
  ): Promise<T> {
    const label = `Kafka cluster '${this.name}' (${what})`;
    const call = <R>(work: (admin: Admin) => Promise<R>) =>
      withTimeout(this.withAdmin(work), this.timeoutMs, label);
    try {
      return await call(fn);
    } catch (error) {
      // The caller's own errors (a conflict found with the admin's help)
      // are theirs to report.
      if (!isKafkaError(error)) throw error;
      if (!isUnknownTopicError(error)) throw unavailable(label, error);
      // withAdmin retired the admin that said so; fresh metadata decides.
      try {
        if (options.topic) {
          const topics = await call(admin => admin.listTopics());
          if (!topics.includes(options.topic)) {
            throw new NotFoundError(
              `The topic '${options.topic}' does not exist on the cluster '${this.name}'`,
            );
          }
        }
        return await call(fn);
      } catch (retryError) {
        if (!isKafkaError(retryError)) throw retryError;
        throw unavailable(label, retryError);
      }
    }
  }

  async producer<T>(
    fn: (producer: Producer) => Promise<T>,
    config: ProducerConfig = {
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    },
  ): Promise<T> {
    const producer = this.kafka.producer(config);
    try {
      await withTimeout(
        producer.connect(),
        this.timeoutMs,
        `Kafka cluster '${this.name}' (connect a producer)`,
      );
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw unavailable(
        `Kafka cluster '${this.name}' (connect a producer)`,
        error,
      );
    }
    try {
      return await fn(producer);
    } catch (error) {
      // Kafka failing the work (a send meeting an outage) is an outage like
      // a failed connect, so that callers wait it out or answer 503; the
      // caller's own errors pass through.
      if (!isKafkaError(error)) throw error;
      throw unavailable(`Kafka cluster '${this.name}' (produce)`, error);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  consumer<T>(
    config: ConsumerConfig,
    fn: (consumer: Consumer) => Promise<T>,
  ): Promise<T> {
    return this.reading(async kafka => {
      const consumer = kafka.consumer(config);
      try {
        return await fn(consumer);
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    });
  }

  reading<T>(fn: (kafka: Kafka) => Promise<T>): Promise<T> {
    return this.consumers.run(() => fn(this.kafka));
  }

  /** Disconnects the shared admin; the next call connects a fresh one. */
  close(): void {
    const admin = this.admin_;
    this.admin_ = undefined;
    admin?.then(a => a.disconnect()).catch(() => undefined);
  }

  private withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    return this.admins.run(async () => {
      const wait = this.backoff.waitMs();
      if (wait > 0) {
        throw new KafkaUnavailableError(
          `reconnecting after a failure, next attempt in ${Math.ceil(
            wait / 1000,
          )} s`,
        );
      }
      const admin = this.connected();
      try {
        const result = await withTimeout(
          admin.then(fn),
          this.timeoutMs,
          `Kafka cluster '${this.name}'`,
        );
        this.backoff.succeeded();
        return result;
      } catch (error) {
        // A refused call came from a working connection.
        if (isKafkaError(error) && !isKafkaAuthorizationError(error)) {
          this.retire(admin, error);
        }
        throw error;
      }
    });
  }

  /**
   * Takes an admin out of use after a failed call, once per admin however
   * many calls were under way on it. One that reported an unknown topic
   * still works (the broker is fine), but keeps refreshing the metadata of
   * every topic it was asked about, so one missing topic would fail every
   * later call: it goes too, after the calls under way on it had their
   * time, and without a backoff.
   */
  private retire(admin: Promise<Admin>, error: unknown): void {
    if (this.admin_ !== admin) return;
    this.admin_ = undefined;
    if (isUnknownTopicError(error)) {
      setTimeout(
        () => admin.then(a => a.disconnect()).catch(() => undefined),
        this.timeoutMs,
      ).unref();
      return;
    }
    admin.then(a => a.disconnect()).catch(() => undefined);
    this.backoff.failed();
  }

  private connected(): Promise<Admin> {
    this.admin_ ??= (async () => {
      // A few quick retries inside kafkajs cover a broker's passing states
      // (a new topic's leader not elected yet); outages are the deadline's.
      const admin = this.kafka.admin({
        retry: { retries: 3, initialRetryTime: 100 },
      });
      await admin.connect();
      return admin;
    })();
    return this.admin_;
  }
}

/**
 * A failed call as the suite reports it: 503 with the cause kept, or 403
 * when the broker refused the principal (no waiting would change that).
 */
function unavailable(
  label: string,
  error: unknown,
): KafkaUnavailableError | KafkaNotAuthorizedError {
  if (error instanceof KafkaUnavailableError) return error;
  if (error instanceof KafkaNotAuthorizedError) return error;
  if (isKafkaAuthorizationError(error)) {
    return new KafkaNotAuthorizedError(
      `${label} was refused: the portal's Kafka principal lacks the right (${stringifyError(
        error,
      )})`,
      error,
    );
  }
  return new KafkaUnavailableError(
    `${label} failed: ${stringifyError(error)}`,
    error,
  );
}

/**
 * The default {@link KafkaService}: one connection holder per configured cluster.
 *
 * @public
 */
export class DefaultKafkaService implements KafkaService {
  private readonly clusters: Map<string, ClusterConnection>;

  constructor(mesh: DataMeshConfig, options: KafkaServiceOptions = {}) {
    const timeoutMs = options.callTimeoutMs ?? DEFAULT_KAFKA_CALL_TIMEOUT_MS;
    this.clusters = new Map(
      mesh.clusters.map(cluster => [
        cluster.name,
        new ClusterConnection(cluster, mesh.clientId, timeoutMs, options),
      ]),
    );
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  cluster(name: string): KafkaCluster {
    const found = this.clusters.get(name);
    if (!found) {
      throw new NotFoundError(
        `The Kafka cluster '${name}' is not configured for the data mesh; configured clusters: ${this.clusterNames().join(
          ', ',
        )}`,
      );
    }
    return found;
  }

  async stop(): Promise<void> {
    this.clusters.forEach(cluster => cluster.close());
  }
}
