import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { createTopics } from '../kafka/createTopics';
import { KafkaUnavailableError } from '../kafka/errors';
import { DefaultKafkaService } from '../kafka/KafkaService';
import { localStackConfig, uniqueName } from '../__testUtils__/localStack';
import { parseDescriptorRecord } from './parseDescriptorRecord';
import { readRegistryTopic } from './readRegistryTopic';
import { publishDescriptor, unpublishDescriptor } from './registryTopic';

jest.setTimeout(60_000);

describe('readRegistryTopic on the local broker', () => {
  // The reader runs as the portal; the setup (topics, descriptors written
  // straight to the topic, clean-up) as the broker's admin.
  const kafka = new DefaultKafkaService(readDataMeshConfig(localStackConfig()));
  const cluster = kafka.cluster('local');
  const fixtureService = new DefaultKafkaService(
    readDataMeshConfig(localStackConfig({}, { principal: 'admin' })),
  );
  const fixtures = fixtureService.cluster('local');
  const topic = uniqueName('_data-products-it-read');
  const empty = uniqueName('_data-products-it-read-empty');
  const missing = uniqueName('_data-products-it-read-missing');
  const orders = makeDataProduct('orders', 'it.orders.v1');
  const refunds = makeDataProduct('refunds', 'it.refunds.v1');

  const listTopics = () =>
    cluster.admin('list topics', admin => admin.listTopics());

  beforeAll(async () => {
    await fixtures.admin('create', admin =>
      createTopics(admin, {
        topics: [topic, empty].map(t => ({
          topic: t,
          numPartitions: 1,
          replicationFactor: 1,
        })),
      }),
    );
    await fixtures.producer(async producer => {
      await publishDescriptor(producer, topic, orders);
      await publishDescriptor(producer, topic, refunds);
      await unpublishDescriptor(producer, topic, 'default/refunds');
    });
  });

  afterAll(async () => {
    await fixtures
      .admin('clean up', admin =>
        admin.deleteTopics({ topics: [topic, empty] }),
      )
      .catch(() => undefined);
    await fixtureService.stop();
    await kafka.stop();
  });

  it('reads every record of the topic, in offset order, tombstones included', async () => {
    const records = await readRegistryTopic(cluster, topic);
    expect(
      records.map(r => ({
        partition: r.partition,
        offset: r.offset,
        key: r.key?.toString('utf8'),
      })),
    ).toEqual([
      { partition: 0, offset: '0', key: 'default/orders' },
      { partition: 0, offset: '1', key: 'default/refunds' },
      { partition: 0, offset: '2', key: 'default/refunds' },
    ]);
    expect(records.map(r => parseDescriptorRecord(r.key, r.value))).toEqual([
      { type: 'upsert', id: 'default/orders', entity: orders },
      { type: 'upsert', id: 'default/refunds', entity: refunds },
      { type: 'tombstone', id: 'default/refunds' },
    ]);
  });

  it('reads an empty topic as no records', async () => {
    await expect(readRegistryTopic(cluster, empty)).resolves.toEqual([]);
  });

  it('reads a missing topic as no records, without creating it', async () => {
    await expect(readRegistryTopic(cluster, missing)).resolves.toEqual([]);
    expect(await listTopics()).not.toContain(missing);
  });

  it('rejects as unavailable when Kafka cannot be reached', async () => {
    const away = new DefaultKafkaService(
      readDataMeshConfig(
        localStackConfig({
          kafka: {
            clientId: 'data-mesh-tests',
            clusters: [{ name: 'away', brokers: ['localhost:1'] }],
          },
        }),
      ),
      { callTimeoutMs: 2000 },
    );
    try {
      await expect(
        readRegistryTopic(away.cluster('away'), topic, { timeoutMs: 20_000 }),
      ).rejects.toThrow(KafkaUnavailableError);
    } finally {
      await away.stop();
    }
  });
});
