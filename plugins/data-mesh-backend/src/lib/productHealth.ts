import type {
  PartitionHealth,
  ProductHealthResponse,
  ThroughputPoint,
} from '@kafka-mesh/plugin-data-mesh-common';
import { parseIsoDuration } from '@kafka-mesh/plugin-data-mesh-common';
import { judgeFreshness } from './freshness';
import type { KafkaCluster } from '@kafka-mesh/plugin-data-mesh-node';
import {
  newestOf,
  readNewestRecordTimes,
  TailReadOptions,
} from './newestRecords';

/** Window over which throughput is measured. */
export const THROUGHPUT_WINDOW_MS = 60_000;
/** How many windows the throughput history covers. */
export const THROUGHPUT_WINDOWS = 10;

/** The offsets of every partition at one point in time. */
export interface OffsetsAt {
  /** Epoch ms. */
  at: number;
  offsets: Array<{ partition: number; offset: string }>;
}

/**
 * The window boundaries of the throughput history, oldest first: `windows`
 * windows of `windowMs` ending at `end`, so `windows + 1` boundaries.
 */
export function throughputBoundaries(
  end: number,
  windows = THROUGHPUT_WINDOWS,
  windowMs = THROUGHPUT_WINDOW_MS,
): number[] {
  return Array.from(
    { length: windows + 1 },
    (_, i) => end - (windows - i) * windowMs,
  );
}

function toBigInt(offset: string): bigint | undefined {
  try {
    const value = BigInt(offset);
    return value >= 0n ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rates between consecutive boundaries, oldest first: for each window the
 * records appended over all partitions (a partition missing or unreadable at
 * either boundary, or whose offset went back, counts 0) per second. Each
 * point is stamped with the end of its window.
 */
export function throughputFromOffsets(
  boundaries: OffsetsAt[],
): ThroughputPoint[] {
  const sorted = [...boundaries].sort((a, b) => a.at - b.at);
  const points: ThroughputPoint[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const from = sorted[i - 1];
    const to = sorted[i];
    const seconds = (to.at - from.at) / 1000;
    let appended = 0n;
    for (const p of to.offsets) {
      const start = from.offsets.find(s => s.partition === p.partition);
      if (!start) continue;
      const a = toBigInt(start.offset);
      const b = toBigInt(p.offset);
      if (a === undefined || b === undefined || b <= a) continue;
      appended += b - a;
    }
    points.push({
      at: new Date(to.at).toISOString(),
      perSecond: seconds > 0 ? Number(appended) / seconds : 0,
    });
  }
  return points;
}

export interface HealthOptions extends TailReadOptions {
  now?: () => number;
}

/**
 * The health of a product's topic: offsets per partition, the newest record
 * (read at endOffset-1 of every non-empty partition), freshness against the
 * SLA and the records appended per minute over the last 10 minutes.
 */
export async function readProductHealth(
  cluster: KafkaCluster,
  topic: string,
  slaFreshness: string,
  options: HealthOptions,
): Promise<ProductHealthResponse> {
  const now = options.now ?? Date.now;
  const boundaries = throughputBoundaries(now());
  const [offsets, offsetsAtBoundaries] = await Promise.all([
    cluster.admin('fetching offsets', a => a.fetchTopicOffsets(topic), {
      topic,
    }),
    // One call per boundary, all under the one time bound of a Kafka call.
    cluster.admin(
      'fetching offsets by time',
      a =>
        Promise.all(
          boundaries.map(
            async (at): Promise<OffsetsAt> => ({
              at,
              offsets: await a.fetchTopicOffsetsByTimestamp(topic, at),
            }),
          ),
        ),
      { topic },
    ),
  ]);
  const newestByPartition =
    (await readNewestRecordTimes(cluster, [{ topic, offsets }], options)).get(
      topic,
    ) ?? new Map<number, number>();

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

  const throughputHistory = throughputFromOffsets(offsetsAtBoundaries);

  const newestAt = newestOf(newestByPartition);
  const observedAt = now();
  return {
    topic,
    partitions,
    ...(newestAt !== undefined && {
      newestRecordAt: new Date(newestAt).toISOString(),
    }),
    freshness: judgeFreshness(
      newestAt,
      parseIsoDuration(slaFreshness),
      observedAt,
    ),
    throughputPerSecond: throughputHistory.at(-1)?.perSecond ?? 0,
    throughputHistory,
    observedAt: new Date(observedAt).toISOString(),
  };
}
