import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  createSchemaRegistry,
  ensureRegistryTopic,
  publishDescriptor,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Producer } from 'kafkajs';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
} from '../__testUtils__/catalogBackend';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { IsolatedStack, startIsolated } from '@kafka-mesh/local-stack';

// These tests stop Kafka and the registry on purpose, so they run on a
// private stack on free ports; the shared one other test files use stays up.
jest.setTimeout(180_000);

const registryTopic = '_data-products';
const schema = JSON.stringify({
  type: 'record',
  name: 'Event',
  fields: [{ name: 'id', type: 'string' }],
});

describe('the provider when Kafka or the registry goes away', () => {
  let isolated: IsolatedStack;
  let catalog: TestCatalog;
  let producer: Producer;

  const product = async (ref: string) =>
    (await catalog.entity(ref)) as DataProductEntity | undefined;

  const connectProducer = async () => {
    // The test's fixtures as the isolated stack's admin.
    const kafka = fixtureKafka(isolated.clusterConfig('admin'));
    const admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: ['faults.a.v1', 'faults.b.v1', 'faults.c.v1'].map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    }).catch(() => undefined);
    // Publishers create the registry topic; the catalog module never does.
    await ensureRegistryTopic(admin, registryTopic);
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
  };

  beforeAll(async () => {
    isolated = await startIsolated();
    await connectProducer();
    await createSchemaRegistry({ url: isolated.registryUrl }).register(
      { type: SchemaType.AVRO, schema },
      { subject: 'faults.a.v1-value' },
    );
    catalog = await startTestCatalog({
      cluster: isolated.clusterConfig('portal'),
      registryUrl: isolated.registryUrl,
      registryTopic,
    });
    await publishDescriptor(
      producer,
      registryTopic,
      makeDataProduct('a', 'faults.a.v1'),
    );
    // Set up once a product is in with its schema (no expect outside tests).
    await eventually(async () => {
      const status = (await product('dataproduct:default/a'))?.spec.observed
        ?.schema.status;
      if (status !== 'registered') {
        throw new Error(`product a has schema status ${status}`);
      }
    });
  });

  afterAll(async () => {
    await producer?.disconnect().catch(() => undefined);
    await catalog?.stop();
    await isolated?.down();
  });

  it('keeps products and marks schema facts unknown while the registry is down, then fills them in', async () => {
    await isolated.stopPart('registry');
    await publishDescriptor(
      producer,
      registryTopic,
      makeDataProduct('b', 'faults.b.v1'),
    );
    const b = await eventually(async () => {
      const found = await product('dataproduct:default/b');
      expect(found).toBeDefined();
      return found!;
    });
    expect(b.spec.observed?.schema).toEqual({
      status: 'unknown',
      subject: 'faults.b.v1-value',
    });
    // The product published before the outage keeps what was known of it.
    expect(
      (await product('dataproduct:default/a'))?.spec.observed?.schema.status,
    ).toBe('registered');

    await isolated.startPart('registry');
    await createSchemaRegistry({ url: isolated.registryUrl }).register(
      { type: SchemaType.AVRO, schema },
      { subject: 'faults.b.v1-value' },
    );
    await eventually(async () =>
      expect(
        (
          await product('dataproduct:default/b')
        )?.spec.observed?.schema.status,
      ).toBe('registered'),
    );
  });

  it('keeps the last known products while Kafka is down and resumes updates when it returns', async () => {
    await producer.disconnect();
    await isolated.stopPart('registry');
    await isolated.stopPart('kafka');
    const status = await eventually(async () => {
      const { body } = await catalog.get<{ clusters: any[] }>(
        '/data-mesh/status',
      );
      expect(body.clusters[0].staleSince).toBeDefined();
      return body.clusters[0];
    });
    expect(status).toMatchObject({
      cluster: 'local',
      products: 2,
      ready: true,
    });
    expect(await product('dataproduct:default/a')).toBeDefined();
    expect(await product('dataproduct:default/b')).toBeDefined();

    await isolated.startPart('kafka');
    await isolated.startPart('registry');
    await connectProducer();
    await publishDescriptor(
      producer,
      registryTopic,
      makeDataProduct('c', 'faults.c.v1'),
    );
    await eventually(async () =>
      expect(await product('dataproduct:default/c')).toBeDefined(),
    );
    expect(await product('dataproduct:default/a')).toBeDefined();
    const { body } = await catalog.get<{ clusters: any[] }>(
      '/data-mesh/status',
    );
    expect(body.clusters[0].staleSince).toBeUndefined();
    expect(body.clusters[0].products).toBe(3);
  });
});
