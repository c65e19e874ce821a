import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/** One record of the registry topic: key = product id, value = descriptor JSON or null (tombstone). */
export interface RegistryRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
}

export interface ReadRegistryTopicOptions {
  /** Gives up when the snapshot is not read by then. */
  timeoutMs?: number;
}

/** Prefix of the throwaway consumer groups of {@link readRegistryTopic}; they never commit. */
export const SNAPSHOT_GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}snapshot-`;

/**
 * Reads what the registry topic holds right now: every record below the end
 * offsets captured at the start, in offset order per partition. Uses a fresh
 * consumer group that never commits. A topic that does not exist or is empty
 * reads as no records, without creating anything.
 */
export async function readRegistryTopic(
  kafka: Kafka,
  topic: string,
  options: ReadRegistryTopicOptions = {},
): Promise<RegistryRecord[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;

  // Records below these offsets existed when the read began.
  const pending = new Map<number, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    for (const { partition, high, low } of await admin.fetchTopicOffsets(
      topic,
    )) {
      if (BigInt(high) > BigInt(low)) pending.set(partition, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  if (pending.size === 0) return [];

  const ends = new Map(pending);
  const records: RegistryRecord[] = [];
  let resolveDone!: () => void;
  let rejectDone!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined); // may settle before it is awaited

  const consumer = kafka.consumer({
    groupId: `${SNAPSHOT_GROUP_PREFIX}${randomUUID()}`,
    retry: { retries: 3, restartOnFailure: async () => false },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    rejectDone(payload.error),
  );
  const timer = setTimeout(
    () =>
      rejectDone(
        new Error(
          `timed out after ${Math.round(
            timeoutMs / 1000,
          )}s reading the registry topic ${topic} (${
            records.length
          } records read)`,
        ),
      ),
    timeoutMs,
  );
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition) ?? 0n;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= end) break;
          records.push({
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value,
          });
        }
        const target = pending.get(batch.partition);
        if (
          target !== undefined &&
          !batch.isEmpty() &&
          BigInt(batch.lastOffset()) + 1n >= target
        ) {
          pending.delete(batch.partition);
        }
        // Stopping the consumer from inside eachBatch would deadlock; signal instead.
        if (pending.size === 0) resolveDone();
      },
    });
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
  return records;
}
