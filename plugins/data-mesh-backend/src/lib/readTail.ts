import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import {
  OffsetRange,
  RangeRecord,
  readOffsetRanges,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka } from 'kafkajs';
import { KafkaUnavailableError } from './KafkaClients';

/** Consumer groups of the backend's own tail reads; they never commit. */
export const TAIL_GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}tail-`;

/**
 * The newest records of partitions (see `readOffsetRanges`), for the live
 * endpoints: a Kafka failure becomes a {@link KafkaUnavailableError}, which
 * the router answers with 503.
 */
export async function readTail(
  kafka: Kafka,
  ranges: OffsetRange[],
  options: { deadlineMs: number; connectTimeoutMs: number },
): Promise<RangeRecord[]> {
  try {
    return await readOffsetRanges(kafka, ranges, {
      ...options,
      groupPrefix: TAIL_GROUP_PREFIX,
    });
  } catch (error) {
    throw new KafkaUnavailableError(
      `reading the topic failed: ${(error as Error).message}`,
    );
  }
}
