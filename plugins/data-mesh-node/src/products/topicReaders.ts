import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import { AssignerProtocol } from 'kafkajs';
import type { Admin } from 'kafkajs';

/** How many groups' offsets are fetched at once. */
const CONCURRENCY = 8;

/** A consumer group that reads a topic, and how we know. */
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
 */
export async function readersOfTopic(
  admin: Admin,
  topic: string,
): Promise<TopicReader[]> {
  const { groups } = await admin.listGroups();
  const ids = groups
    .map(g => g.groupId)
    .filter(id => !id.startsWith(PORTAL_CONSUMER_GROUP_PREFIX))
    .sort();
  if (ids.length === 0) return [];

  const committed = new Map<string, number>();
  for (let i = 0; i < ids.length; i += CONCURRENCY) {
    await Promise.all(
      ids.slice(i, i + CONCURRENCY).map(async groupId => {
        const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
        const partitions = (offsets[0]?.partitions ?? []).filter(
          p => Number(p.offset) >= 0,
        ).length;
        if (partitions > 0) committed.set(groupId, partitions);
      }),
    );
  }
  const { groups: described } = await admin.describeGroups(ids);
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
