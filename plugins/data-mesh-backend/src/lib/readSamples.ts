import type { SampleRecord } from '@kafka-mesh/plugin-data-mesh-common';
import type { RangeRecord } from '@kafka-mesh/plugin-data-mesh-node';
import { decodeValue, WireDecoder } from './decodeValue';
import type { ClusterClient } from './KafkaClients';
import { maskPii, MASK } from './maskPii';
import { readTail } from './readTail';

export interface SampleOptions {
  limit: number;
  /** Dotted paths to mask; empty when the caller may see PII. */
  mask: readonly string[];
  decode: WireDecoder;
  tailDeadlineMs: number;
  connectTimeoutMs: number;
}

/** The newest `limit` records of all partitions, newest first. */
export function newestFirst(
  records: RangeRecord[],
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

/** A record key as text; wire-format keys are decoded first. */
async function decodeKey(key: Buffer, decode: WireDecoder): Promise<string> {
  const decoded = await decodeValue(key, decode);
  return typeof decoded === 'string' ? decoded : JSON.stringify(decoded);
}

/** Masks a decoded value; a value that is not an object is masked whole. */
export function maskSample(
  value: unknown,
  paths: readonly string[],
): { value: unknown; masked: string[] } {
  if (paths.length === 0) return { value, masked: [] };
  if (value === null || typeof value !== 'object') {
    // Nothing to find the fields in (undecodable or a bare string): the
    // PII could be anywhere in it.
    return value === null
      ? { value, masked: [] }
      : { value: MASK, masked: [...paths] };
  }
  return maskPii(value, paths);
}

/**
 * The newest records of a topic, decoded and with the given PII paths
 * masked: the last `limit` offsets of every partition are read, then the
 * newest `limit` of them kept.
 */
export async function readSamples(
  cluster: ClusterClient,
  topic: string,
  options: SampleOptions,
): Promise<SampleRecord[]> {
  const offsets = await cluster.call(
    'fetching offsets',
    a => a.fetchTopicOffsets(topic),
    topic,
  );
  const limit = BigInt(options.limit);
  const ranges = offsets
    .filter(p => BigInt(p.high) > BigInt(p.low))
    .map(p => {
      const low = BigInt(p.low);
      const high = BigInt(p.high);
      return {
        topic,
        partition: p.partition,
        from: high - limit > low ? high - limit : low,
        last: high - 1n,
      };
    });
  const records = newestFirst(
    await readTail(cluster.kafka, ranges, {
      deadlineMs: options.tailDeadlineMs,
      connectTimeoutMs: options.connectTimeoutMs,
    }),
    options.limit,
  );
  const samples: SampleRecord[] = [];
  for (const record of records) {
    const decoded = await decodeValue(record.value, options.decode);
    const { value, masked } = maskSample(decoded, options.mask);
    samples.push({
      partition: record.partition,
      offset: record.offset,
      timestamp: new Date(record.timestamp).toISOString(),
      ...(record.key && { key: await decodeKey(record.key, options.decode) }),
      value,
      masked,
    });
  }
  return samples;
}
