import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import type { KafkaCluster } from '../kafka/KafkaService';
import { RegistryTopicMissingError } from './errors';
import { READER_GROUP_PREFIX, type RegistryRecord } from './RegistryRecord';

/**
 * What the reader tells its owner, in this order for every pass.
 *
 * @public
 */
export interface RegistryTopicListener {
  /** A new pass over the topic begins; earlier records are read again. */
  onPassStart(): void;
  onRecords(records: RegistryRecord[]): Promise<void>;
  /** Everything that was in the topic when the pass began has been read. */
  onCaughtUp(): Promise<void>;
  /** Kafka became unreachable; called once per outage. */
  onOutage(error: Error): void;
  /**
   * Kafka answers but the topic is not there; called once until a pass can
   * begin. The reader keeps checking with backoff and never creates it.
   */
  onRegistryTopicMissing(error: RegistryTopicMissingError): void;
}

/**
 * What the reader needs of a cluster: its shared admin for the offsets, and
 * the client itself for the follower, a consumer that runs for as long as
 * the reader does and so takes no place in the pool of short reads.
 *
 * @public
 */
export type RegistryTopicCluster = Pick<
  KafkaCluster,
  'name' | 'admin' | 'kafka'
>;

/** @public */
export interface RegistryTopicReaderOptions {
  cluster: RegistryTopicCluster;
  topic: string;
  logger: LoggerService;
  listener: RegistryTopicListener;
  /** Backoff bounds between attempts while Kafka is unreachable or the topic missing. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long a fetch waits at the broker for new records (kafkajs' default,
   * 5 s, when absent). {@link RegistryTopicReader.stop} waits for the fetch
   * under way, so a short read that stops right after catching up wants it
   * short.
   */
  maxWaitTimeInMs?: number;
}

/**
 * Reads the compacted registry topic from the beginning, says when it has
 * caught up, then follows it. Each pass uses a fresh consumer group that
 * never commits: the catalog state is rebuilt from the topic on every start,
 * the way a schema registry rebuilds from `_schemas`. When Kafka goes away
 * the reader retries with backoff and starts a new pass once it is back,
 * since compaction may have dropped tombstones it would otherwise miss.
 *
 * The reader never creates the topic (publishers do): reading a topic it had
 * just created would report an empty registry, and the provider would turn
 * that into a `full` mutation removing every product.
 *
 * @public
 */
export class RegistryTopicReader {
  private consumer?: Consumer;
  private stopped = false;
  /** Why the last pass could not run, reported once until a pass begins. */
  private trouble?: 'outage' | 'missing';
  private wake?: () => void;

  constructor(private readonly options: RegistryTopicReaderOptions) {}

  /** Runs until {@link stop}; never rejects. */
  async run(): Promise<void> {
    const { minBackoffMs = 500, maxBackoffMs = 15_000 } = this.options;
    let backoff = minBackoffMs;
    while (!this.stopped) {
      const { failure, began } = await this.pass();
      if (this.stopped) break;
      // A pass that read something ends a run of failures.
      if (began) backoff = minBackoffMs;
      if (failure instanceof RegistryTopicMissingError) {
        if (this.trouble !== 'missing') {
          this.trouble = 'missing';
          this.options.listener.onRegistryTopicMissing(failure);
        }
      } else if (this.trouble !== 'outage') {
        this.trouble = 'outage';
        this.options.listener.onOutage(failure);
      }
      const delay = backoff;
      await new Promise<void>(resolve => {
        this.wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /**
   * One pass: resolves with the error that ended it, and whether it got as
   * far as reading the topic.
   */
  private async pass(): Promise<{ failure: Error; began: boolean }> {
    const { cluster, topic, listener, logger } = this.options;
    let began = false;
    try {
      const ends = await this.endOffsets();
      if (!ends) {
        return {
          failure: new RegistryTopicMissingError(cluster.name, topic),
          began,
        };
      }
      // Stopped while the offsets were read: stop() cannot reach a consumer
      // made after it, which would then follow the topic forever.
      if (this.stopped) return { failure: new Error('stopped'), began };

      // Records below these offsets existed when the pass began.
      const pending = new Map<number, bigint>();
      for (const { partition, high, low } of ends) {
        if (BigInt(high) > BigInt(low)) pending.set(partition, BigInt(high));
      }
      this.trouble = undefined;
      began = true;
      listener.onPassStart();

      let caughtUp = false;
      const checkCaughtUp = async () => {
        if (!caughtUp && pending.size === 0) {
          caughtUp = true;
          await listener.onCaughtUp();
        }
      };

      const consumer = cluster.kafka.consumer({
        groupId: `${READER_GROUP_PREFIX}${randomUUID()}`,
        // Should the topic be deleted while followed, a broker that allows
        // it would otherwise re-create it empty.
        allowAutoTopicCreation: false,
        retry: { retries: 3, restartOnFailure: async () => false },
        ...(this.options.maxWaitTimeInMs !== undefined && {
          maxWaitTimeInMs: this.options.maxWaitTimeInMs,
        }),
      });
      this.consumer = consumer;
      const ended = new Promise<Error>(resolve => {
        consumer.on(consumer.events.CRASH, ({ payload }) =>
          resolve(payload.error),
        );
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const records = batch.messages.map(m => ({
            partition: batch.partition,
            offset: m.offset,
            key: m.key,
            value: m.value,
          }));
          if (records.length) await listener.onRecords(records);
          const target = pending.get(batch.partition);
          if (
            target !== undefined &&
            records.length &&
            BigInt(batch.lastOffset()) + 1n >= target
          ) {
            pending.delete(batch.partition);
          }
          await checkCaughtUp();
        },
      });
      await checkCaughtUp();
      const error = await ended;
      await consumer.disconnect().catch(() => undefined);
      logger.debug(`registry topic reader stopped: ${error.message}`);
      return { failure: error, began };
    } catch (error) {
      await this.consumer?.disconnect().catch(() => undefined);
      return { failure: toError(error), began };
    }
  }

  /** The end offsets of the registry topic; undefined when it does not exist. */
  private async endOffsets() {
    const { cluster, topic } = this.options;
    try {
      return await cluster.admin(
        'reading the registry topic offsets',
        async admin => {
          // Listing asks for no topic by name, so no broker auto-creates it.
          if (!(await admin.listTopics()).includes(topic)) return undefined;
          return admin.fetchTopicOffsets(topic);
        },
        { topic },
      );
    } catch (error) {
      // Deleted between listing and reading: the cluster checked afresh.
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}

function toError(error: unknown): Error {
  return isError(error) ? error : new Error(String(error));
}
