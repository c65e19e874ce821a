import { stringifyError } from '@backstage/errors';
import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import { KafkaUnavailableError } from './errors';
import type { KafkaCluster } from './KafkaService';
import {
  OffsetRange,
  RangeRecord,
  readOffsetRanges,
} from './readOffsetRanges';

/**
 * Consumer groups of the suite's tail reads (live routes, the contract
 * monitor, `mesh test`); they never commit.
 *
 * @public
 */
export const TAIL_GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}tail-`;

/**
 * Records of partitions' offset ranges (see `readOffsetRanges`), read in
 * one place of the cluster's bounded pool of readers: a Kafka failure
 * becomes a {@link KafkaUnavailableError} (503 for the routes, "try again"
 * for the monitor and the CLI).
 *
 * @public
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
