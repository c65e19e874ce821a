import { AssignerProtocol } from 'kafkajs';
import { committedOffsets, consumerGroupIds } from '../kafka/consumerGroups';
import type { KafkaCluster } from '../kafka/KafkaService';

/**
 * A consumer group that reads a topic, and how we know.
 *
 * @public
 */
export interface TopicReader {
  groupId: string;
  /** e.g. "committed offsets on 3 partitions, 2 active members" */
  evidence: string;
}

function assignedTo(memberAssignment: Buffer, topic: string): boolean {
  if (!memberAssignment?.length) return false;
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(memberAssignment);
    return (decoded?.assignment[topic]?.length ?? 0) > 0;
  } catch {
    return false; // not the consumer protocol; nothing to read
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The consumer groups that read `topic`: those with committed offsets on
 * it, and those with active members assigned to it (a group that has just
 * started may not have committed yet).
 *
 * @public
 */
export async function readersOfTopic(
  cluster: KafkaCluster,
  topic: string,
): Promise<TopicReader[]> {
  const ids = await consumerGroupIds(cluster);
  if (ids.length === 0) return [];
  const committed = new Map(
    (await committedOffsets(cluster, { topic, groupIds: ids })).map(g => [
      g.groupId,
      g.topics[0].partitions.length,
    ]),
  );
  const { groups: described } = await cluster.admin(
    'describing consumer groups',
    admin => admin.describeGroups(ids),
  );
  const members = new Map(
    described.map(g => [
      g.groupId,
      g.members.filter(m => assignedTo(m.memberAssignment, topic)).length,
    ]),
  );

  return ids.flatMap(groupId => {
    const evidence = [
      committed.has(groupId) &&
        `committed offsets on ${plural(committed.get(groupId)!, 'partition')}`,
      (members.get(groupId) ?? 0) > 0 &&
        plural(members.get(groupId)!, 'active member'),
    ].filter(Boolean);
    return evidence.length ? [{ groupId, evidence: evidence.join(', ') }] : [];
  });
}
