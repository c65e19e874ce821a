import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import type { Admin } from 'kafkajs';

/** Consumer groups of the suite's own registry readers; never consumers of products. */
export const READER_GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}reader-`;

export interface ClusterAdmin {
  cluster: string;
  admin: () => Promise<Admin>;
}

/** `<cluster>/<group>`, the form of the consumer-groups annotation. */
export const groupKey = (cluster: string, group: string) =>
  `${cluster}/${group}`;

/**
 * Which topics each consumer group has committed offsets on, per cluster.
 * Refreshed on a schedule; a cluster that cannot be read keeps its last
 * known groups so that an outage does not cut lineage edges.
 */
export class ConsumerGroupIndex {
  private topicsByGroup = new Map<string, string[]>();

  constructor(private readonly clusters: ClusterAdmin[]) {}

  topicsOf(cluster: string, group: string): string[] {
    return this.topicsByGroup.get(groupKey(cluster, group)) ?? [];
  }

  /** Every known `<cluster>/<group>` key. */
  keys(): string[] {
    return [...this.topicsByGroup.keys()];
  }

  /** Re-reads every cluster. */
  async refresh(): Promise<void> {
    const next = new Map(this.topicsByGroup);
    for (const { cluster, admin } of this.clusters) {
      let groups: Map<string, string[]>;
      try {
        groups = await readGroups(await admin());
      } catch {
        continue;
      }
      for (const key of next.keys()) {
        if (key.startsWith(`${cluster}/`)) next.delete(key);
      }
      for (const [group, topics] of groups) {
        next.set(groupKey(cluster, group), topics);
      }
    }
    this.topicsByGroup = next;
  }
}

async function readGroups(admin: Admin): Promise<Map<string, string[]>> {
  const { groups } = await admin.listGroups();
  const result = new Map<string, string[]>();
  await Promise.all(
    groups
      .filter(g => !g.groupId.startsWith(READER_GROUP_PREFIX))
      .map(async ({ groupId }) => {
        const offsets = await admin.fetchOffsets({ groupId });
        const topics = offsets
          .filter(t => t.partitions.some(p => Number(p.offset) >= 0))
          .map(t => t.topic)
          .sort();
        if (topics.length) result.set(groupId, topics);
      }),
  );
  return result;
}
