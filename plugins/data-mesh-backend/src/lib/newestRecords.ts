import { NotFoundError } from '@backstage/errors';
import { mapLimited, readTail } from '@kafka-mesh/plugin-data-mesh-node';
import type { KafkaCluster } from '@kafka-mesh/plugin-data-mesh-node';

/** A partition's offsets, as `fetchTopicOffsets` gives them. */
export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

export interface TailReadOptions {
  /** How long to wait for the newest records. */
  tailDeadlineMs: number;
  connectTimeoutMs: number;
}

/** How many topics' offsets are fetched at the same time. */
const OFFSETS_CONCURRENCY = 8;

/**
 * The timestamp (epoch ms) of the newest record of every non-empty
 * partition of the given topics, by topic and partition: the record at
 * endOffset-1 of each, all topics read by one consumer. A partition whose
 * record did not arrive by the deadline is left out.
 */
export async function readNewestRecordTimes(
  cluster: KafkaCluster,
  topics: ReadonlyArray<{ topic: string; offsets: PartitionOffsets[] }>,
  options: TailReadOptions,
): Promise<Map<string, Map<number, number>>> {
  const records = await readTail(
    cluster,
    topics.flatMap(({ topic, offsets }) =>
      offsets
        .filter(p => BigInt(p.high) > BigInt(p.low))
        .map(p => ({
          topic,
          partition: p.partition,
          from: BigInt(p.high) - 1n,
          last: BigInt(p.high) - 1n,
        })),
    ),
    {
      deadlineMs: options.tailDeadlineMs,
      connectTimeoutMs: options.connectTimeoutMs,
    },
  );
  const times = new Map<string, Map<number, number>>();
  for (const { topic, partition, timestamp } of records) {
    const byPartition = times.get(topic) ?? new Map<number, number>();
    times.set(topic, byPartition);
    const seen = byPartition.get(partition);
    if (seen === undefined || timestamp > seen) {
      byPartition.set(partition, timestamp);
    }
  }
  return times;
}

/** The newest of the given record timestamps; undefined for none. */
export function newestOf(
  times: Map<number, number> | undefined,
): number | undefined {
  return times?.size ? Math.max(...times.values()) : undefined;
}

/**
 * The timestamp of the newest record of each topic, over all its
 * partitions: undefined for a topic that is empty or does not exist. The
 * offsets are fetched a few topics at a time, the records by one consumer.
 */
export async function readNewestRecordAt(
  cluster: KafkaCluster,
  topics: readonly string[],
  options: TailReadOptions,
): Promise<Map<string, number | undefined>> {
  const offsets = await mapLimited(topics, OFFSETS_CONCURRENCY, topic =>
    cluster
      .admin('fetching offsets', a => a.fetchTopicOffsets(topic), { topic })
      .then(
        found => ({ topic, offsets: found as PartitionOffsets[] }),
        error => {
          // A missing topic has no newest record; the others still count.
          if (error instanceof NotFoundError) return undefined;
          throw error;
        },
      ),
  );
  const times = await readNewestRecordTimes(
    cluster,
    offsets.filter(o => o !== undefined),
    options,
  );
  return new Map(topics.map(topic => [topic, newestOf(times.get(topic))]));
}
