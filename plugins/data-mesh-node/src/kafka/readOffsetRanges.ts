import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { withTimeout } from './withTimeout';

/**
 * A partition of a topic to read from `from` up to and including `last`.
 *
 * @public
 */
export interface OffsetRange {
  topic: string;
  partition: number;
  from: bigint;
  last: bigint;
}

/** @public */
export interface RangeRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Record timestamp, ms since the epoch. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

/** @public */
export interface ReadOffsetRangesOptions {
  /** When to return whatever arrived, complete or not. */
  deadlineMs: number;
  /** Bound on connecting, subscribing and leaving. */
  connectTimeoutMs: number;
  /** Prefix of the throwaway consumer group, so that lists of groups can leave it out. */
  groupPrefix: string;
}

/** Kafka topic names cannot contain a colon, so this key is unambiguous. */
const keyOf = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Reads the given offset ranges, of one topic or several, with one
 * throwaway consumer (fresh group, nothing committed): `run`, then `seek`
 * every partition to its start. One consumer for many topics means one
 * group join for a whole batch. Stops once every range delivered its last
 * record or the deadline passes, whichever comes first; what arrived by
 * then is returned (a compacted or transactional tail may never deliver
 * `last`).
 *
 * @public
 */
export async function readOffsetRanges(
  kafka: Kafka,
  ranges: OffsetRange[],
  options: ReadOffsetRangesOptions,
): Promise<RangeRecord[]> {
  const pending = new Map(
    ranges
      .filter(r => r.last >= r.from)
      .map(r => [keyOf(r.topic, r.partition), r]),
  );
  if (pending.size === 0) return [];
  const topics = [...new Set([...pending.values()].map(r => r.topic))];
  const records: RangeRecord[] = [];
  const consumer = kafka.consumer({
    groupId: `${options.groupPrefix}${randomUUID()}`,
    maxWaitTimeInMs: 250,
    allowAutoTopicCreation: false,
    retry: { retries: 1 },
  });
  let finish: () => void = () => {};
  const finished = new Promise<void>(resolve => {
    finish = resolve;
  });
  try {
    await withTimeout(
      consumer.connect(),
      options.connectTimeoutMs,
      'Kafka consumer',
    );
    await withTimeout(
      consumer.subscribe({ topics, fromBeginning: false }),
      options.connectTimeoutMs,
      'Kafka consumer',
    );
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const key = keyOf(topic, partition);
        const range = pending.get(key);
        if (!range) return;
        const offset = BigInt(message.offset);
        if (offset < range.from) return;
        records.push({
          topic,
          partition,
          offset: message.offset,
          timestamp: Number(message.timestamp),
          key: message.key,
          value: message.value,
        });
        if (offset >= range.last) {
          pending.delete(key);
          if (pending.size === 0) finish();
        }
      },
    });
    for (const range of pending.values()) {
      consumer.seek({
        topic: range.topic,
        partition: range.partition,
        offset: range.from.toString(),
      });
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise<void>(resolve => {
        timer = setTimeout(resolve, options.deadlineMs);
      }),
    ]);
    clearTimeout(timer);
  } finally {
    // Leaving the group can hang while the broker is away; do not wait long.
    await withTimeout(
      consumer.disconnect(),
      options.connectTimeoutMs,
      'disconnect',
    ).catch(() => undefined);
  }
  return records;
}
