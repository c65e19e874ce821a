import type {
  ConsumerGroupLag,
  ProductConsumersResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  committedOffsets,
  KafkaCluster,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { GroupOwner } from './ComponentIndex';

/**
 * The consumer groups that committed offsets on a topic, with their lag per
 * partition (end offset minus committed offset) and their state.
 * `ownerOf` names the catalog component annotated with a group and the data
 * product whose processor it is.
 */
export async function readConsumerLag(
  cluster: KafkaCluster,
  topic: string,
  ownerOf: (groupId: string) => GroupOwner | undefined,
  now: () => number = Date.now,
): Promise<ProductConsumersResponse> {
  const [ends, committed] = await Promise.all([
    cluster.admin('fetching offsets', a => a.fetchTopicOffsets(topic), {
      topic,
    }),
    committedOffsets(cluster, { topic }),
  ]);
  const endOf = new Map(ends.map(p => [p.partition, BigInt(p.high)]));
  const consuming = committed.map(g => ({
    groupId: g.groupId,
    partitions: g.topics[0].partitions,
  }));
  if (consuming.length === 0) {
    return { topic, groups: [], observedAt: new Date(now()).toISOString() };
  }

  const described = await cluster.admin('describing consumer groups', a =>
    a.describeGroups(consuming.map(c => c.groupId)),
  );
  const stateOf = new Map(described.groups.map(g => [g.groupId, g.state]));

  const result: ConsumerGroupLag[] = consuming.map(
    ({ groupId, partitions }) => {
      const rows = partitions
        .map(p => {
          const end = endOf.get(p.partition) ?? 0n;
          const lag = end - BigInt(p.offset);
          return {
            partition: p.partition,
            committedOffset: p.offset,
            endOffset: end.toString(),
            lag: lag > 0n ? Number(lag) : 0,
          };
        })
        .sort((a, b) => a.partition - b.partition);
      const { component, product } = ownerOf(groupId) ?? {};
      const state = stateOf.get(groupId);
      return {
        groupId,
        ...(state && { state }),
        totalLag: rows.reduce((sum, r) => sum + r.lag, 0),
        partitions: rows,
        ...(component && { component }),
        ...(product && { product }),
      };
    },
  );
  result.sort((a, b) => a.groupId.localeCompare(b.groupId));
  return { topic, groups: result, observedAt: new Date(now()).toISOString() };
}
