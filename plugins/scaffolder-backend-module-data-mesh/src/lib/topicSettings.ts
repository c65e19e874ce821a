import type { CleanupPolicy } from '@kafka-mesh/plugin-data-mesh-common';
import { ConfigResourceTypes } from 'kafkajs';
import type { Admin } from 'kafkajs';

/** The settings the topic action decides and compares. */
export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
  retentionMs: number;
  cleanupPolicy: CleanupPolicy;
}

const LABELS: Record<keyof TopicSettings, string> = {
  partitions: 'partitions',
  replicationFactor: 'replication factor',
  retentionMs: 'retention.ms',
  cleanupPolicy: 'cleanup.policy',
};

/** The settings of an existing topic, or undefined when there is none. */
export async function readTopicSettings(
  admin: Admin,
  topic: string,
): Promise<TopicSettings | undefined> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) return undefined;
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: [topic] }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configNames: ['retention.ms', 'cleanup.policy'],
        },
      ],
    }),
  ]);
  const partitions = metadata.topics[0].partitions;
  const entries = new Map(
    configs.resources[0].configEntries.map(e => [e.configName, e.configValue]),
  );
  return {
    partitions: partitions.length,
    replicationFactor: partitions[0]?.replicas.length ?? 0,
    retentionMs: Number(entries.get('retention.ms')),
    // Kafka lists several policies with a comma, in any order.
    cleanupPolicy: (entries.get('cleanup.policy') ?? 'delete')
      .split(',')
      .map(p => p.trim())
      .sort()
      .join(',') as CleanupPolicy,
  };
}

/** One sentence per setting that differs, `<setting> is <actual>, not <wanted>`. */
export function describeDifferences(
  actual: TopicSettings,
  wanted: TopicSettings,
): string[] {
  return (Object.keys(LABELS) as Array<keyof TopicSettings>)
    .filter(key => actual[key] !== wanted[key])
    .map(key => `${LABELS[key]} is ${actual[key]}, not ${wanted[key]}`);
}
