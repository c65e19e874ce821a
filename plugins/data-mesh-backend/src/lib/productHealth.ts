import type {
  PartitionHealth,
  ProductHealthResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { parseIsoDuration } from '@kafka-mesh/plugin-data-mesh-common';
import { classifyFreshness } from './freshness';
import type { ClusterClient } from './KafkaClients';
import { readTail } from './readTail';

/** Window over which throughput is measured. */
export const THROUGHPUT_WINDOW_MS = 60_000;

export interface HealthOptions {
  /** How long to wait for the newest records. */
  tailDeadlineMs: number;
  connectTimeoutMs: number;
  now?: () => number;
}

/**
 * The health of a product's topic: offsets per partition, the newest record
 * (read at endOffset-1 of every non-empty partition), freshness against the
 * SLA and the records appended over the last minute.
 */
export async function readProductHealth(
  cluster: ClusterClient,
  topic: string,
  slaFreshness: string,
  options: HealthOptions,
): Promise<ProductHealthResponse> {
  const now = options.now ?? Date.now;
  const since = now() - THROUGHPUT_WINDOW_MS;
  const [offsets, offsetsSince] = await Promise.all([
    cluster.call('fetching offsets', a => a.fetchTopicOffsets(topic), topic),
    cluster.call(
      'fetching offsets by time',
      a => a.fetchTopicOffsetsByTimestamp(topic, since),
      topic,
    ),
  ]);
  const nonEmpty = offsets.filter(p => BigInt(p.high) > BigInt(p.low));
  const newest = await readTail(
    cluster.kafka,
    topic,
    nonEmpty.map(p => ({
      partition: p.partition,
      from: BigInt(p.high) - 1n,
      last: BigInt(p.high) - 1n,
    })),
    {
      deadlineMs: options.tailDeadlineMs,
      connectTimeoutMs: options.connectTimeoutMs,
    },
  );
  const newestByPartition = new Map<number, number>();
  for (const record of newest) {
    const seen = newestByPartition.get(record.partition);
    if (seen === undefined || record.timestamp > seen) {
      newestByPartition.set(record.partition, record.timestamp);
    }
  }

  const partitions: PartitionHealth[] = offsets
    .map(p => {
      const at = newestByPartition.get(p.partition);
      return {
        partition: p.partition,
        startOffset: p.low,
        endOffset: p.high,
        ...(at !== undefined && { newestRecordAt: new Date(at).toISOString() }),
      };
    })
    .sort((a, b) => a.partition - b.partition);

  const appended = offsets.reduce((sum, p) => {
    const from = offsetsSince.find(s => s.partition === p.partition)?.offset;
    if (from === undefined) return sum;
    const count = BigInt(p.high) - BigInt(from);
    return sum + (count > 0n ? Number(count) : 0);
  }, 0);

  const newestAt = newestByPartition.size
    ? Math.max(...newestByPartition.values())
    : undefined;
  const observedAt = now();
  const slaMs = parseIsoDuration(slaFreshness);
  const ageMs =
    newestAt === undefined ? undefined : Math.max(0, observedAt - newestAt);
  return {
    topic,
    partitions,
    ...(newestAt !== undefined && {
      newestRecordAt: new Date(newestAt).toISOString(),
    }),
    freshness: {
      status: classifyFreshness(ageMs, slaMs),
      slaMs,
      ...(ageMs !== undefined && { ageMs }),
    },
    throughputPerSecond: appended / (THROUGHPUT_WINDOW_MS / 1000),
    observedAt: new Date(observedAt).toISOString(),
  };
}
