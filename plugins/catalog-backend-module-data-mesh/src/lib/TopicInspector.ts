import type { TopicFacts } from '@kafka-mesh/plugin-data-mesh-common';
import type { KafkaCluster } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';

// kafkajs exports the enum only as a value of its CommonJS module.
const TOPIC_RESOURCE = 2;

/**
 * Reads partitions, replication and the configs that matter to consumers for
 * many topics at once: three admin requests whatever the number of topics.
 */
export class TopicInspector {
  constructor(private readonly cluster: Pick<KafkaCluster, 'admin'>) {}

  async describe(topics: string[]): Promise<Map<string, TopicFacts>> {
    const wanted = [...new Set(topics)];
    if (wanted.length === 0) return new Map();
    let listed: Set<string> | undefined;
    try {
      // One call for all three requests: should a listed topic be deleted
      // before its metadata is read, the cluster retires the admin and runs
      // the call again on a fresh one, whose listing no longer has it.
      return await this.cluster.admin('describing topics', async admin => {
        const existing = new Set(await admin.listTopics());
        listed = existing;
        return describeListed(admin, wanted, existing);
      });
    } catch {
      // Kafka is unreachable: say so rather than claim topics are missing;
      // a topic the last listing did not have is missing all the same.
      return new Map(
        wanted.map((topic): [string, TopicFacts] => [
          topic,
          { status: listed && !listed.has(topic) ? 'missing' : 'unknown' },
        ]),
      );
    }
  }
}

async function describeListed(
  admin: Admin,
  wanted: string[],
  existing: Set<string>,
): Promise<Map<string, TopicFacts>> {
  const facts = new Map<string, TopicFacts>();
  const present = wanted.filter(t => existing.has(t));
  for (const topic of wanted) {
    if (!existing.has(topic)) facts.set(topic, { status: 'missing' });
  }
  if (present.length === 0) return facts;
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: present }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map(name => ({
        type: TOPIC_RESOURCE,
        name,
        configNames: ['retention.ms', 'cleanup.policy'],
      })),
    }),
  ]);
  const configsByTopic = new Map(
    configs.resources.map(r => [
      r.resourceName,
      new Map(r.configEntries.map(e => [e.configName, e.configValue])),
    ]),
  );
  for (const topic of metadata.topics) {
    const config = configsByTopic.get(topic.name);
    const retention = config?.get('retention.ms');
    facts.set(topic.name, {
      status: 'ok',
      partitions: topic.partitions.length,
      replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
      retentionMs: retention === undefined ? undefined : Number(retention),
      cleanupPolicy: config?.get('cleanup.policy') ?? undefined,
    });
  }
  return facts;
}
