import { productIdOf } from '@kafka-mesh/plugin-data-mesh-common';
import {
  publishDescriptor,
  readRegistryTopic,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  cleanupTestMesh,
  testKafka,
  testMeshOptions,
} from './__testUtils__/testMesh';
import { loadDemoProducts } from './mesh/demoProducts';
import { PRODUCTS } from './mesh/productNames';
import { demoKafkaService, PORTAL_PRINCIPAL } from './options';
import { seedDemoMesh } from './seed';

// TopicConfigs' resource type for describeConfigs (kafkajs exports it only
// as a value of its CommonJS module).
const TOPIC_RESOURCE = 2;

describe('seedDemoMesh against the local stack', () => {
  const options = testMeshOptions();
  const kafka = testKafka(options);
  const products = loadDemoProducts(options);
  const ids = products.map(p => productIdOf(p.descriptor)).sort();
  // The registry topic is read the way the portal reads it, as the portal.
  const kafkaService = demoKafkaService(options, PORTAL_PRINCIPAL);
  const cluster = kafkaService.cluster('local');

  afterAll(async () => {
    await kafkaService.stop();
    await cleanupTestMesh(options);
  });

  it('creates topics, schemas and descriptors once; a second run writes nothing', async () => {
    // The expected set is the demo's product list, not what the files load.
    expect(ids).toEqual(
      Object.values(PRODUCTS)
        .map(name => `default/${name}`)
        .sort(),
    );
    const first = await seedDemoMesh(options);
    expect([...first.published].sort()).toEqual(ids);
    expect(first.unchanged).toEqual([]);
    expect([...first.topicsCreated].sort()).toEqual(
      products.map(p => p.topic).sort(),
    );
    expect([...first.schemasRegistered].sort()).toEqual(
      products.map(p => p.subject).sort(),
    );

    const second = await seedDemoMesh(options);
    expect(second).toEqual({
      topicsCreated: [],
      schemasRegistered: [],
      published: [],
      unchanged: expect.arrayContaining(ids),
    });
    expect(second.unchanged).toHaveLength(ids.length);

    const records = await readRegistryTopic(cluster, options.registryTopic!);
    expect(records.map(r => r.key?.toString()).sort()).toEqual(ids);
    for (const record of records) {
      const product = products.find(
        p => productIdOf(p.descriptor) === record.key?.toString(),
      )!;
      expect(JSON.parse(record.value!.toString())).toEqual(product.descriptor);
    }
  });

  it('gives topics and subjects the settings of their SLA tier', async () => {
    const orders = products.find(p => p.name === PRODUCTS.ordersPlaced)!;
    const profiles = products.find(p => p.name === PRODUCTS.customerProfiles)!;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [orders, profiles].map(p => ({
          type: TOPIC_RESOURCE,
          name: p.topic,
          configNames: ['cleanup.policy', 'retention.ms'],
        })),
      });
      const config = (topic: string, name: string) =>
        resources
          .find(r => r.resourceName === topic)!
          .configEntries.find(e => e.configName === name)?.configValue;
      expect(config(orders.topic, 'cleanup.policy')).toBe('delete');
      expect(config(orders.topic, 'retention.ms')).toBe(
        String(14 * 24 * 3600 * 1000),
      );
      expect(config(profiles.topic, 'cleanup.policy')).toBe('compact');
    } finally {
      await admin.disconnect();
    }
    const registry = new SchemaRegistryRestClient({
      url: options.registryUrl,
    });
    expect(await registry.compatibility(orders.subject)).toBe(
      'BACKWARD_TRANSITIVE',
    );
    expect(await registry.compatibility(profiles.subject)).toBe('BACKWARD');
  });

  it('republishes only the descriptor that differs from the latest published one', async () => {
    const edited = products.find(p => p.name === PRODUCTS.pageViews)!;
    const producer = kafka.producer();
    await producer.connect();
    await publishDescriptor(producer, options.registryTopic!, {
      ...edited.descriptor,
      metadata: {
        ...edited.descriptor.metadata,
        description: 'edited by hand',
      },
    });
    await producer.disconnect();

    const summary = await seedDemoMesh(options);
    expect(summary.published).toEqual([productIdOf(edited.descriptor)]);

    const records = await readRegistryTopic(cluster, options.registryTopic!);
    expect(records).toHaveLength(ids.length + 2);
    expect(JSON.parse(records[records.length - 1].value!.toString())).toEqual(
      edited.descriptor,
    );
  });
});
