import {
  committedOffsets,
  KafkaCluster,
} from '@kafka-mesh/plugin-data-mesh-node';

/** What the index needs of a cluster. */
export type GroupsCluster = Pick<KafkaCluster, 'name' | 'admin'>;

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

  constructor(private readonly clusters: GroupsCluster[]) {}

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
    for (const cluster of this.clusters) {
      let groups: Map<string, string[]>;
      try {
        groups = await readGroups(cluster);
      } catch {
        continue;
      }
      for (const key of next.keys()) {
        if (key.startsWith(`${cluster.name}/`)) next.delete(key);
      }
      for (const [group, topics] of groups) {
        next.set(groupKey(cluster.name, group), topics);
      }
    }
    this.topicsByGroup = next;
  }
}

/**
 * Every group's topics with committed offsets (the suite's own groups left
 * out); rejects if any cannot be read. The one reader of committed offsets
 * that the live routes and unpublish use too.
 */
async function readGroups(
  cluster: GroupsCluster,
): Promise<Map<string, string[]>> {
  const groups = await committedOffsets(cluster);
  return new Map(
    groups.map(g => [g.groupId, g.topics.map(t => t.topic)] as const),
  );
}
