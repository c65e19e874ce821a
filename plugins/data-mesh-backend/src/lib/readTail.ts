import { stringifyError } from '@backstage/errors';
import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import {
  KafkaCluster,
  KafkaUnavailableError,
  OffsetRange,
  RangeRecord,
  readOffsetRanges,
} from '@kafka-mesh/plugin-data-mesh-node';

/** Consumer groups of the backend's own tail reads; they never commit. */
export const TAIL_GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}tail-`;

/**
 * The newest records of partitions (see `readOffsetRanges`), for the live
 * endpoints, in one place of the cluster's bounded pool of readers: a
 * Kafka failure becomes a {@link KafkaUnavailableError}, which the router
 * answers with 503.
 */
export async function readTail(
  cluster: KafkaCluster,
  ranges: OffsetRange[],
  options: { deadlineMs: number; connectTimeoutMs: number },
): Promise<RangeRecord[]> {
  try {
    return await cluster.reading(kafka =>
      readOffsetRanges(kafka, ranges, {
        ...options,
        groupPrefix: TAIL_GROUP_PREFIX,
      }),
    );
  } catch (error) {
    throw new KafkaUnavailableError(
      `Kafka cluster '${
        cluster.name
      }': reading the topic failed: ${stringifyError(error)}`,
      error,
    );
  }
}
