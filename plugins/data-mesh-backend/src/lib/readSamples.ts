import type { SampleRecord } from '@kafka-mesh/plugin-data-mesh-common';
import {
  KafkaCluster,
  readNewestRecords,
} from '@kafka-mesh/plugin-data-mesh-node';
import { decodeValue, WireDecoder } from './decodeValue';
import { maskPii, MASK } from './maskPii';

export interface SampleOptions {
  limit: number;
  /**
   * Dotted paths to mask in values and in keys that decode to objects;
   * empty when the caller may see PII.
   */
  mask: readonly string[];
  decode: WireDecoder;
  tailDeadlineMs: number;
  connectTimeoutMs: number;
}

/**
 * A decoded record key as text, masked: a key that decodes to an object
 * (wire format or JSON) can carry the same personal fields as the value,
 * so the same paths are masked in it, reported with a `key:` prefix. A
 * plain key (an id) stays as it is: nothing says which keys are personal.
 */
export function maskKey(
  decoded: unknown,
  paths: readonly string[],
): { key: string; masked: string[] } {
  if (typeof decoded === 'string') return { key: decoded, masked: [] };
  const { value, masked } = maskPii(decoded, paths);
  return { key: JSON.stringify(value), masked: masked.map(p => `key:${p}`) };
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
  cluster: KafkaCluster,
  topic: string,
  options: SampleOptions,
): Promise<SampleRecord[]> {
  const records = await readNewestRecords(cluster, topic, options.limit, {
    deadlineMs: options.tailDeadlineMs,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const samples: SampleRecord[] = [];
  for (const record of records) {
    const decoded = await decodeValue(record.value, options.decode);
    const { value, masked } = maskSample(decoded, options.mask);
    const key = record.key
      ? maskKey(await decodeValue(record.key, options.decode), options.mask)
      : undefined;
    samples.push({
      partition: record.partition,
      offset: record.offset,
      timestamp: new Date(record.timestamp).toISOString(),
      ...(key && { key: key.key }),
      value,
      masked: key ? [...masked, ...key.masked] : masked,
    });
  }
  return samples;
}
