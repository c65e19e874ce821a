import { mockServices } from '@backstage/backend-test-utils';
import type {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  DefaultKafkaService,
  ensureRegistryTopic,
  publishDescriptor,
  SchemaRegistryRestClient,
  unpublishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import { fixtureKafka } from '../__testUtils__/catalogBackend';
import { IngestionErrors } from '../lib/IngestionErrors';
import { ProductIndex } from '../lib/ProductIndex';
import { SchemaInspector } from '../lib/SchemaInspector';
import { TopicInspector } from '../lib/TopicInspector';
import {
  DataProductProvider,
  DataProductProviderOptions,
} from './DataProductProvider';

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

// The provider reads the real broker; only the catalog is a stand-in, so
// that a write can be made to fail.
jest.setTimeout(120_000);

/** A catalog connection whose next `failures` writes throw. */
class FlakyConnection implements EntityProviderConnection {
  readonly applied: EntityProviderMutation[] = [];
  attempts = 0;

  constructor(public failures = 0) {}

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SQLITE_BUSY: database is locked');
    }
    this.applied.push(mutation);
  }

  async refresh(): Promise<void> {}

  last(): EntityProviderMutation | undefined {
    return this.applied[this.applied.length - 1];
  }
}

const namesOf = (entities: DeferredEntity[]) =>
  entities.map(e => e.entity.metadata.name).sort();

/** Names of the entities a mutation gives the catalog. */
const given = (mutation: EntityProviderMutation) =>
  namesOf(mutation.type === 'full' ? mutation.entities : mutation.added);

describe('DataProductProvider on the real broker', () => {
  const run = randomUUID().slice(0, 8);
  // The test's fixtures (registry topics, descriptors) as the admin.
  const kafka = fixtureKafka();
  // The provider's own way to Kafka, as the module gets it: the portal.
  const service = new DefaultKafkaService({
    registryTopic: '_data-products',
    clientId: 'data-mesh-provider-it',
    clusters: [clusterConfig('portal')],
    schemaRegistry: { url: registryUrl },
  });
  let admin: Admin;
  let producer: Producer;
  const topics: string[] = [];
  const providers: DataProductProvider[] = [];

  /** A registry topic of the test's own, so tests do not share state. */
  const registryTopic = async (name: string, create = true) => {
    const topic = `_data-products-provider-it-${name}-${run}`;
    topics.push(topic);
    if (create) await ensureRegistryTopic(admin, topic);
    return topic;
  };

  const startProvider = async (
    topic: string,
    connection: FlakyConnection,
    options: Partial<DataProductProviderOptions> = {},
  ) => {
    const cluster = service.cluster('local');
    const provider = new DataProductProvider({
      cluster,
      registryTopic: topic,
      index: new ProductIndex(),
      topics: new TopicInspector(cluster),
      schemas: new SchemaInspector(
        new SchemaRegistryRestClient({ url: registryUrl }),
      ),
      errors: new IngestionErrors(),
      governance: { minCompatibility: {} },
      logger: mockServices.logger.mock(),
      readerBackoff: { minMs: 100, maxMs: 500 },
      ...options,
    });
    providers.push(provider);
    await provider.connect(connection);
    return provider;
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(providers.splice(0).map(p => p.stop()));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.deleteTopics({ topics }).catch(() => undefined);
    await admin?.disconnect();
    await service.stop();
  });

  it('applies a full mutation that failed once at the next refresh instead of staying not ready', async () => {
    const topic = await registryTopic('refresh');
    await publishDescriptor(
      producer,
      topic,
      makeDataProduct('alpha', `it.alpha-${run}.v1`),
    );
    const connection = new FlakyConnection(1);
    // No retry before the refresh: the refresh alone must repair it.
    const provider = await startProvider(topic, connection, {
      writeRetry: { minMs: 3_600_000 },
    });
    const failed = await eventually(async () => {
      const status = provider.status();
      expect(status.problems).toEqual([
        expect.stringMatching(/^The last catalog write failed at /),
      ]);
      return status;
    });
    expect(failed.ready).toBe(false);
    expect(failed.problems[0]).toContain('database is locked');
    expect(connection.applied).toEqual([]);

    await provider.refresh();

    expect(connection.last()?.type).toBe('full');
    const full = connection.last() as Extract<
      EntityProviderMutation,
      { type: 'full' }
    >;
    expect(namesOf(full.entities)).toEqual(['alpha']);
    expect(provider.status()).toMatchObject({
      ready: true,
      products: 1,
      problems: [],
    });
  });

  it('retries a failed delta with backoff as a full mutation, removals included, without waiting for a refresh', async () => {
    const topic = await registryTopic('retry');
    for (const name of ['beta', 'gamma']) {
      await publishDescriptor(
        producer,
        topic,
        makeDataProduct(name, `it.${name}-${run}.v1`),
      );
    }
    const connection = new FlakyConnection(0);
    const provider = await startProvider(topic, connection, {
      writeRetry: { minMs: 200, maxMs: 1_000 },
    });
    await eventually(async () => expect(provider.status().ready).toBe(true));
    expect(connection.applied).toHaveLength(1);

    connection.failures = 1;
    await unpublishDescriptor(producer, topic, 'default/beta');
    const repaired = await eventually(async () => {
      const last = connection.last();
      expect(connection.applied.length).toBeGreaterThan(1);
      expect(last?.type).toBe('full');
      return last as Extract<EntityProviderMutation, { type: 'full' }>;
    });
    expect(connection.attempts).toBeGreaterThanOrEqual(3);
    expect(namesOf(repaired.entities)).toEqual(['gamma']);
    expect(provider.status().problems).toEqual([]);
  });

  it('never creates a missing registry topic and writes nothing to the catalog until it exists', async () => {
    const topic = await registryTopic('missing', false);
    const connection = new FlakyConnection(0);
    const provider = await startProvider(topic, connection);
    const status = await eventually(async () => {
      const current = provider.status();
      expect(current.problems).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Registry topic '${topic}' does not exist on Kafka cluster 'local'`,
          ),
        ),
      ]);
      return current;
    });
    expect(status).toMatchObject({ ready: false, products: 0 });
    expect(status.staleSince).toBeUndefined();
    expect(await admin.listTopics()).not.toContain(topic);
    expect(connection.attempts).toBe(0);

    // Once a publisher creates it, the provider reads it (the reader may
    // find it before or after the descriptor arrives: a full, or a delta).
    await ensureRegistryTopic(admin, topic);
    await publishDescriptor(
      producer,
      topic,
      makeDataProduct('delta', `it.delta-${run}.v1`),
    );
    await eventually(async () => expect(provider.status().products).toBe(1));
    await eventually(async () =>
      expect(connection.applied.flatMap(given)).toContain('delta'),
    );
    expect(connection.applied[0].type).toBe('full');
    expect(provider.status()).toMatchObject({ ready: true, problems: [] });
  });
});
