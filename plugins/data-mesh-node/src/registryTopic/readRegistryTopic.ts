import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { KafkaUnavailableError } from '../kafka/errors';
import type { RegistryRecord } from './RegistryRecord';
import {
  RegistryTopicCluster,
  RegistryTopicReader,
} from './RegistryTopicReader';

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/** @public */
export interface ReadRegistryTopicOptions {
  /** Gives up when the snapshot is not read by then; 30 s when absent. */
  timeoutMs?: number;
  /** Where the reader logs; silent when absent. */
  logger?: LoggerService;
}

/**
 * Reads what the registry topic holds right now: one pass of a
 * {@link RegistryTopicReader} (a fresh consumer group that never commits),
 * every record up to its catching up, in offset order per partition. A topic
 * that does not exist reads as no records, and is not created.
 *
 * @throws KafkaUnavailableError when Kafka cannot be read (the first outage
 *   ends the read: a snapshot has no one to wait for Kafka's return), or
 *   when the pass has not caught up within `timeoutMs`
 *
 * @public
 */
export async function readRegistryTopic(
  cluster: RegistryTopicCluster,
  topic: string,
  options: ReadRegistryTopicOptions = {},
): Promise<RegistryRecord[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let records: RegistryRecord[] = [];
  let settled = false;
  let resolveRead!: (records: RegistryRecord[]) => void;
  let rejectRead!: (error: Error) => void;
  const read = new Promise<RegistryRecord[]>((resolve, reject) => {
    resolveRead = resolve;
    rejectRead = reject;
  });
  // The listener only settles the promise: stopping the reader from inside
  // its callbacks (called from the consumer's eachBatch) would deadlock.
  const settle = (outcome: RegistryRecord[] | Error) => {
    if (settled) return;
    settled = true;
    if (outcome instanceof Error) rejectRead(outcome);
    else resolveRead(outcome);
  };

  const reader = new RegistryTopicReader({
    cluster,
    topic,
    logger: options.logger ?? silentLogger,
    // Stopping waits for the fetch under way, which on a topic with nothing
    // more to read lasts this long.
    maxWaitTimeInMs: 100,
    listener: {
      onPassStart() {
        // A new pass reads everything again.
        records = [];
      },
      async onRecords(batch) {
        if (!settled) records.push(...batch);
      },
      async onCaughtUp() {
        settle(records);
      },
      onOutage(error) {
        settle(
          error instanceof KafkaUnavailableError
            ? error
            : new KafkaUnavailableError(
                `Reading the registry topic '${topic}' of Kafka cluster '${
                  cluster.name
                }' failed: ${stringifyError(error)}`,
                error,
              ),
        );
      },
      onRegistryTopicMissing() {
        settle([]);
      },
    },
  });

  const timer = setTimeout(
    () =>
      settle(
        new KafkaUnavailableError(
          `Timed out after ${Math.round(
            timeoutMs / 1000,
          )} s reading the registry topic '${topic}' of Kafka cluster '${
            cluster.name
          }' (${records.length} records read)`,
        ),
      ),
    timeoutMs,
  );
  // run() never rejects; it ends once stopped.
  void reader.run();
  try {
    return await read;
  } finally {
    clearTimeout(timer);
    await reader.stop();
  }
}
