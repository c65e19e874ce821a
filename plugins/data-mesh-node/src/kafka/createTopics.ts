import type { Admin, ITopicConfig } from 'kafkajs';

/** Errors a broker answers while a new topic's metadata is still spreading. */
const PROPAGATING = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
]);

/** @public */
export interface CreateTopicsOptions {
  topics: ITopicConfig[];
  /** Gives up waiting for partition leaders after this long. */
  timeoutMs?: number;
}

/**
 * Creates topics and resolves once every partition has a leader, true when
 * a topic was created. Replaces kafkajs's own `waitForLeaders`, which only
 * retries LEADER_NOT_AVAILABLE and so fails on the
 * UNKNOWN_TOPIC_OR_PARTITION a KRaft broker can still answer right after
 * the creation (seen on a loaded machine).
 *
 * @public
 */
export async function createTopics(
  admin: Admin,
  { topics, timeoutMs = 30_000 }: CreateTopicsOptions,
): Promise<boolean> {
  const created = await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map(t => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const ready = metadata.topics.every(
        t => t.partitions.length > 0 && t.partitions.every(p => p.leader >= 0),
      );
      if (ready) return created;
    } catch (error) {
      if (!PROPAGATING.has((error as { type?: string }).type ?? '')) {
        throw error;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka created ${names.join(
          ', ',
        )} but gave no partition leader within ${timeoutMs} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
