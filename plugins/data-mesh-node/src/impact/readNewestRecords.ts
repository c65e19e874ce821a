import type { KafkaCluster } from '../kafka/KafkaService';
import type { RangeRecord } from '../kafka/readOffsetRanges';
import { readTail } from '../kafka/readTail';

/**
 * The newest `limit` records of a topic over all its partitions, newest
 * first: the last `limit` offsets of every partition are read by one
 * throwaway consumer, then the newest `limit` of them kept. The one reader
 * of a topic's newest records (samples, `mesh test`, the impact check).
 *
 * @throws NotFoundError when the topic does not exist
 * @public
 */
export async function readNewestRecords(
  cluster: KafkaCluster,
  topic: string,
  limit: number,
  { deadlineMs = 15_000, connectTimeoutMs = 10_000 } = {},
): Promise<RangeRecord[]> {
  if (limit <= 0) return [];
  const offsets = await cluster.admin(
    'fetching offsets',
    a => a.fetchTopicOffsets(topic),
    { topic },
  );
  const size = BigInt(limit);
  const ranges = offsets
    .filter(p => BigInt(p.high) > BigInt(p.low))
    .map(p => {
      const high = BigInt(p.high);
      const low = BigInt(p.low);
      return {
        topic,
        partition: p.partition,
        from: high - size > low ? high - size : low,
        last: high - 1n,
      };
    });
  const records = await readTail(cluster, ranges, {
    deadlineMs,
    connectTimeoutMs,
  });
  return newestFirst(records, limit);
}

/** The newest `limit` of records from several partitions, newest first. */
export function newestFirst(
  records: readonly RangeRecord[],
  limit: number,
): RangeRecord[] {
  return [...records]
    .sort(
      (a, b) =>
        b.timestamp - a.timestamp ||
        a.partition - b.partition ||
        Number(BigInt(b.offset) - BigInt(a.offset)),
    )
    .slice(0, limit);
}
