import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { IsolatedStack, startIsolated } from '@kafka-mesh/local-stack';
import {
  createSchemaRegistry,
  createTopics,
  DefaultKafkaService,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import { migrationsDir } from '../access/AccessStore';
import { fixtureKafka } from '../__testUtils__/testBackend';
import { ContractMonitor, MonitoredProduct } from './ContractMonitor';
import { QualityStore } from './QualityStore';

// Kafka is stopped on purpose, so this runs on a private stack of its own.
jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const schema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'monitor',
  fields: [
    { name: 'orderId', type: ['null', 'string'], default: null },
    { name: 'email', type: 'string' },
  ],
};

describe('the contract monitor on a real broker and registry', () => {
  let isolated: IsolatedStack;
  let kafkaService: DefaultKafkaService;

  beforeAll(async () => {
    isolated = await startIsolated();
  });
  afterAll(async () => {
    await kafkaService?.stop().catch(() => undefined);
    await isolated?.down();
  });

  it('fails, passes, advances and survives an outage without losing records', async () => {
    const run = randomUUID().slice(0, 8);
    const topic = `monitor.orders-${run}.v1`;
    const registry = createSchemaRegistry({ url: isolated.registryUrl });
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `${topic}-value` },
    );
    const fixtures = fixtureKafka(isolated.clusterConfig('admin'));
    const admin = fixtures.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await admin.disconnect();
    const produce = async (values: Array<Record<string, unknown>>) => {
      const producer = fixtures.producer();
      await producer.connect();
      try {
        await producer.send({
          topic,
          messages: await Promise.all(
            values.map(async value => ({
              value: await registry.encode(id, value),
            })),
          ),
        });
      } finally {
        await producer.disconnect();
      }
    };

    kafkaService = new DefaultKafkaService(
      {
        registryTopic: '_data-products',
        clientId: 'monitor-it',
        clusters: [{ ...isolated.clusterConfig('portal'), name: 'local' }],
        schemaRegistry: { url: isolated.registryUrl },
      } as any,
      { callTimeoutMs: 5000 },
    );
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: migrationsDir() });
    const store = new QualityStore(knex);
    const product: MonitoredProduct = {
      ref: `dataproduct:default/orders-${run}`,
      owner: 'group:default/sales',
      cluster: 'local',
      topic,
      subject: `${topic}-value`,
      piiFields: ['email'],
      rules: [
        {
          name: 'order-id-present',
          metric: 'nullValues',
          property: 'orderId',
          mustBe: 0,
        },
        // A window longer than a run: counted over every run's records.
        {
          name: 'hourly-volume',
          metric: 'rowCount',
          arguments: { window: 'PT1H' },
          mustBeGreaterOrEqualTo: 1,
        },
      ],
    };
    const notify = jest.fn(async () => {});
    const monitor = new ContractMonitor({
      store,
      listProducts: async () => [product],
      kafka: kafkaService,
      decode: buffer => registry.decode(buffer),
      maskPathsOf: async p => p.piiFields,
      notify,
      logger: mockServices.logger.mock(),
      retentionMs: 86400_000,
      limits: { readDeadlineMs: 15_000, connectTimeoutMs: 5000 },
    });
    const seriesOf = async (rule: string) =>
      (await store.series(product.ref, '2000-01-01', 100)).find(
        s => s.rule === rule,
      );
    const results = async () =>
      (await seriesOf('order-id-present'))?.points ?? [];
    const volumes = async () =>
      ((await seriesOf('hourly-volume'))?.points ?? []).map(p => p.value);
    const next = async () =>
      (await store.cursorOf(product.ref))?.partitions.get(0)?.next;

    // A first check: the records there are, one of three without an id.
    await produce([
      { orderId: 'o-1', email: 'a@x' },
      { orderId: null, email: 'b@x' },
      { orderId: 'o-3', email: 'c@x' },
    ]);
    expect(await monitor.run()).toMatchObject({
      checked: 1,
      records: 3,
      nonconforming: 0,
    });
    expect(await results()).toEqual([
      expect.objectContaining({ value: 1, passed: false, checked: 3 }),
    ]);
    const series = (await seriesOf('order-id-present'))!;
    expect(series.failingExamples).toEqual([
      { orderId: null, email: expect.not.stringContaining('@') },
    ]);
    expect(await next()).toBe(3n);

    // Good records only: the next check passes, counting only them.
    await produce([
      { orderId: 'o-4', email: 'd@x' },
      { orderId: 'o-5', email: 'e@x' },
    ]);
    expect(await monitor.run()).toMatchObject({ checked: 1, records: 2 });
    expect((await results())[1]).toMatchObject({
      value: 0,
      passed: true,
      checked: 2,
    });
    expect(await next()).toBe(5n);
    // The hour holds both runs' records, not only the second's.
    expect(await volumes()).toEqual([3, 5]);

    // Nothing new: nothing counted twice.
    expect(await monitor.run()).toMatchObject({ records: 0 });
    expect(await results()).toHaveLength(2);
    expect((await volumes()).at(-1)).toBe(5);

    // Kafka down: the run stores nothing and keeps the offsets.
    await isolated.stopPart('kafka');
    try {
      expect(await monitor.run()).toMatchObject({ checked: 0, failed: 1 });
      expect(await results()).toHaveLength(2);
      expect(await next()).toBe(5n);
    } finally {
      await isolated.startPart('kafka');
    }

    // Back: the monitor goes on from where it was, a bad record fails the
    // rule again and the owner hears of it (passing → failing).
    await produce([{ orderId: null, email: 'f@x' }]);
    let summary = await monitor.run();
    for (let i = 0; i < 10 && summary.checked === 0; i++) {
      // The broker may still be electing leaders right after the start.
      await new Promise(r => setTimeout(r, 2000));
      summary = await monitor.run();
    }
    expect(summary).toMatchObject({ checked: 1, records: 1, newlyFailing: 1 });
    expect((await results())[2]).toMatchObject({
      value: 1,
      passed: false,
      checked: 1,
    });
    expect(await next()).toBe(6n);
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({
        failing: [expect.objectContaining({ rule: 'order-id-present' })],
      }),
    );
  });
});
