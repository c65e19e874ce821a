import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import { mapLimited } from '../async/mapLimited';
import type { KafkaCluster } from './KafkaService';

/** Groups whose committed offsets are fetched at the same time. */
const OFFSETS_CONCURRENCY = 8;

/**
 * A partition a group has committed an offset on.
 *
 * @public
 */
export interface CommittedPartition {
  partition: number;
  offset: string;
}

/**
 * What one consumer group has committed, topic by topic.
 *
 * @public
 */
export interface GroupOffsets {
  groupId: string;
  topics: Array<{ topic: string; partitions: CommittedPartition[] }>;
}

/**
 * Whether a group is one of the suite's own (tail reads, snapshots,
 * registry readers): they read topics without consuming them, so they
 * never count as a product's consumers.
 *
 * @public
 */
export const isPortalGroup = (groupId: string) =>
  groupId.startsWith(PORTAL_CONSUMER_GROUP_PREFIX);

/**
 * The groups on the cluster that are not the suite's own, sorted.
 *
 * @public
 */
export async function consumerGroupIds(
  cluster: Pick<KafkaCluster, 'admin'>,
): Promise<string[]> {
  const { groups } = await cluster.admin('listing consumer groups', admin =>
    admin.listGroups(),
  );
  return groups
    .map(g => g.groupId)
    .filter(id => !isPortalGroup(id))
    .sort();
}

/**
 * The one reader of "which consumer groups read what": the committed
 * offsets of every group that is not the suite's own, on `topic` or (without
 * it) on every topic, a bounded number of groups at a time. Groups and
 * topics without a committed offset are left out.
 *
 * @public
 */
export async function committedOffsets(
  cluster: Pick<KafkaCluster, 'admin'>,
  options: { topic?: string; groupIds?: string[] } = {},
): Promise<GroupOffsets[]> {
  const { topic } = options;
  const ids = options.groupIds ?? (await consumerGroupIds(cluster));
  const all = await mapLimited(ids, OFFSETS_CONCURRENCY, async groupId => {
    const offsets = await cluster.admin(
      'fetching committed offsets',
      admin =>
        admin.fetchOffsets({ groupId, ...(topic && { topics: [topic] }) }),
      topic ? { topic } : {},
    );
    const topics = offsets
      .map(t => ({
        topic: t.topic,
        partitions: t.partitions
          .filter(p => Number(p.offset) >= 0)
          .map(p => ({ partition: p.partition, offset: p.offset })),
      }))
      .filter(t => t.partitions.length > 0)
      .sort((a, b) => a.topic.localeCompare(b.topic));
    return { groupId, topics };
  });
  return all.filter(g => g.topics.length > 0);
}
