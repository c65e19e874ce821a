import {
  createKafka,
  ensureRegistryTopic,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestPostgres, TestPostgres } from './testing/postgres';
import { RunningBackend, startBackend } from './testing/startBackend';

// The production configuration runs on PostgreSQL; this starts the real
// backend on a real PostgreSQL server and checks that the plugins created
// and use their databases.
const TOKEN = 'postgres-test-token';
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-pg-${run}`;

async function waitForEntity(
  baseUrl: string,
  ref: string,
  ready: (entity: any) => boolean = () => true,
): Promise<any> {
  // Catalog ingestion is asynchronous; poll until the entity is stored.
  for (;;) {
    const res = await fetch(`${baseUrl}/api/catalog/entities/by-name/${ref}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    if (res.status === 200) {
      const entity = await res.json();
      if (ready(entity)) return entity;
    } else {
      expect(res.status).toBe(404);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function descriptor(description: string) {
  return {
    apiVersion: 'kafka-mesh.io/v1alpha1' as const,
    kind: 'DataProduct' as const,
    metadata: { name: `pg-product-${run}`, description },
    spec: {
      owner: 'group:default/guests',
      domain: 'examples',
      lifecycle: 'experimental' as const,
      output: {
        cluster: 'local',
        topic: `pg.product-${run}.v1`,
        format: 'json' as const,
      },
      sla: {
        tier: 'tier-3' as const,
        availability: 99,
        freshness: 'PT1H',
        supportHours: 'business-hours' as const,
        onCall: 'https://oncall.example.com/guests',
      },
    },
  };
}

describe('the backend on PostgreSQL', () => {
  let pg: TestPostgres;
  let backend: RunningBackend;
  // The test's fixtures (the registry topic, descriptors) as the broker's
  // admin; the backend connects as the portal (startBackend's default).
  const kafka = createKafka(clusterConfig('admin'), {
    clientId: 'backend-pg-test',
  });
  const producer = kafka.producer();
  const pgConnection = () => ({ host: pg.host, port: pg.port, user: pg.user });
  const backendConfig = () => ({
    dataMesh: { registryTopic },
    backend: {
      auth: {
        externalAccess: [
          { type: 'static', options: { token: TOKEN, subject: 'ci' } },
        ],
      },
      database: { client: 'pg', connection: pgConnection() },
    },
  });

  beforeAll(async () => {
    pg = await startTestPostgres();
    // The catalog module never creates the registry topic (a mistyped name
    // must not become an empty registry); publishers do.
    const admin = kafka.admin();
    await admin.connect();
    await ensureRegistryTopic(admin, registryTopic);
    await admin.disconnect();
    backend = await startBackend(backendConfig());
    await producer.connect();
  }, 240_000);

  afterAll(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [registryTopic] })
      .catch(() => undefined);
    await admin.disconnect();
    await backend?.stop();
    pg?.stop();
  }, 60_000);

  it('ingests catalog entities into PostgreSQL and serves them', async () => {
    const entity = await waitForEntity(
      backend.baseUrl,
      'component/default/example-website',
    );
    expect(entity.metadata.name).toBe('example-website');

    const client = new Client({ ...pgConnection(), database: 'postgres' });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database',
    );
    await client.end();
    const catalogDb = new Client({
      ...pgConnection(),
      database: 'backstage_plugin_catalog',
    });
    await catalogDb.connect();
    const stored = await catalogDb.query(
      "SELECT entity_ref FROM final_entities WHERE entity_ref = 'component:default/example-website'",
    );
    await catalogDb.end();
    expect(stored.rowCount).toBe(1);
    expect(rows.map(r => r.datname)).toEqual(
      expect.arrayContaining([
        'backstage_plugin_catalog',
        'backstage_plugin_scaffolder',
        'backstage_plugin_search',
      ]),
    );
  }, 120_000);

  it('runs the data mesh module: a product published to Kafka is stored in PostgreSQL', async () => {
    await publishDescriptor(
      producer,
      registryTopic,
      descriptor('Stored in PostgreSQL'),
    );
    const entity = await waitForEntity(
      backend.baseUrl,
      `dataproduct/default/pg-product-${run}`,
    );
    // No topic was created for it: the provider says so instead of failing.
    expect(entity.spec.observed.topic).toEqual({ status: 'missing' });
  }, 120_000);

  it('lets two backend replicas on one database serve the same products without fighting', async () => {
    const replica = await startBackend(backendConfig());
    try {
      await publishDescriptor(
        producer,
        registryTopic,
        descriptor('Updated once'),
      );
      for (const url of [backend.baseUrl, replica.baseUrl]) {
        await waitForEntity(
          url,
          `dataproduct/default/pg-product-${run}`,
          e => e.metadata.description === 'Updated once',
        );
      }
      // Both replicas emit identical entities, so the stored entity settles:
      // its hash is the same when read again after both have re-emitted.
      const hashOf = async () => {
        const db = new Client({
          ...pgConnection(),
          database: 'backstage_plugin_catalog',
        });
        await db.connect();
        const { rows } = await db.query<{ hash: string }>(
          'SELECT hash FROM final_entities WHERE entity_ref = $1',
          [`dataproduct:default/pg-product-${run}`],
        );
        await db.end();
        expect(rows).toHaveLength(1);
        return rows[0].hash;
      };
      const first = await hashOf();
      await publishDescriptor(
        producer,
        registryTopic,
        descriptor('Updated once'),
      );
      await new Promise(r => setTimeout(r, 3000));
      expect(await hashOf()).toBe(first);
    } finally {
      await replica.stop();
    }
  }, 180_000);
});
