import { Admin, Kafka } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { localStackConfig, uniqueName } from '../__testUtils__/localStack';
import { createKafka } from './createKafka';
import { createTopics } from './createTopics';

// Kafka 4.x removed old protocol versions (KIP-896); these are the admin
// calls the suite relies on, run against the real broker as the portal's
// principal (its ACLs must suffice). The test's own fixtures (producing,
// a pretend application's consumer group, cleaning up) run as the admin.
describe('kafkajs admin API against the local Kafka 4 broker', () => {
  const config = readDataMeshConfig(localStackConfig());
  let kafka: Kafka;
  let admin: Admin;
  let fixtures: Kafka;
  let fixturesAdmin: Admin;
  const topic = uniqueName('it.admin');

  beforeAll(async () => {
    kafka = createKafka(config.clusters[0], { clientId: config.clientId });
    admin = kafka.admin();
    await admin.connect();
    fixtures = createKafka(clusterConfig('admin'), {
      clientId: 'data-mesh-tests-fixtures',
    });
    fixturesAdmin = fixtures.admin();
    await fixturesAdmin.connect();
  });

  afterAll(async () => {
    await fixturesAdmin
      .deleteTopics({ topics: [topic] })
      .catch(() => undefined);
    await fixturesAdmin.disconnect();
    await admin.disconnect();
  });

  it('creates a topic and describes its partitions and configs', async () => {
    const created = await createTopics(admin, {
      topics: [
        {
          topic,
          numPartitions: 3,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: '604800000' },
            { name: 'cleanup.policy', value: 'compact' },
          ],
        },
      ],
    });
    expect(created).toBe(true);

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].name).toBe(topic);
    expect(metadata.topics[0].partitions).toHaveLength(3);
    expect(metadata.topics[0].partitions[0].replicas).toHaveLength(1);

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: 2 /* ConfigResourceTypes.TOPIC */,
          name: topic,
          configNames: ['retention.ms', 'cleanup.policy'],
        },
      ],
    });
    const entries = Object.fromEntries(
      described.resources[0].configEntries.map(e => [
        e.configName,
        e.configValue,
      ]),
    );
    expect(entries).toEqual({
      'retention.ms': '604800000',
      'cleanup.policy': 'compact',
    });

    const brokers = await admin.describeCluster();
    expect(brokers.brokers.length).toBeGreaterThanOrEqual(1);
  });

  it('lists consumer groups with their committed offsets and end offsets', async () => {
    const groupId = uniqueName('it-group');
    const producer = fixtures.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [0, 1, 2, 3].map(i => ({
        key: `k${i}`,
        value: `v${i}`,
        partition: 0,
      })),
    });
    await producer.disconnect();

    // A pretend application with a group of its own.
    const consumer = fixtures.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(message.value!.toString());
            if (seen.length === 4) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.commitOffsets([{ topic, partition: 0, offset: '4' }]);
    await consumer.disconnect();
    expect(seen).toEqual(['v0', 'v1', 'v2', 'v3']);

    const { groups } = await admin.listGroups();
    expect(groups.map(g => g.groupId)).toContain(groupId);

    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed.partitions.find(p => p.partition === 0)?.offset).toBe('4');

    const ends = await admin.fetchTopicOffsets(topic);
    expect(ends.find(p => p.partition === 0)?.high).toBe('4');

    await fixturesAdmin.deleteGroups([groupId]);
  });
});
