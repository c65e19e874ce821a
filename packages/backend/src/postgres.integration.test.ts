import {
  createKafka,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
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

async function waitForEntity(baseUrl: string, ref: string): Promise<any> {
  // Catalog ingestion is asynchronous; poll until the entity is stored.
  for (;;) {
    const res = await fetch(`${baseUrl}/api/catalog/entities/by-name/${ref}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    if (res.status === 200) return res.json();
    expect(res.status).toBe(404);
    await new Promise(r => setTimeout(r, 1000));
  }
}

describe('the backend on PostgreSQL', () => {
  let pg: TestPostgres;
  let backend: RunningBackend;

  beforeAll(async () => {
    pg = await startTestPostgres();
    backend = await startBackend({
      dataMesh: { registryTopic },
      backend: {
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'ci' } },
          ],
        },
        database: {
          client: 'pg',
          connection: { host: pg.host, port: pg.port, user: pg.user },
        },
      },
    });
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    pg?.stop();
  }, 60_000);

  it('ingests catalog entities into PostgreSQL and serves them', async () => {
    const entity = await waitForEntity(
      backend.baseUrl,
      'component/default/example-website',
    );
    expect(entity.metadata.name).toBe('example-website');

    const client = new Client({
      host: pg.host,
      port: pg.port,
      user: pg.user,
      database: 'postgres',
    });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database',
    );
    await client.end();
    const catalogDb = new Client({
      host: pg.host,
      port: pg.port,
      user: pg.user,
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
    const kafka = createKafka(
      {
        name: 'local',
        brokers: (process.env.DATA_MESH_KAFKA_BROKERS ?? 'localhost:9092').split(','),
      },
      { clientId: 'backend-pg-test' },
    );
    const producer = kafka.producer();
    await producer.connect();
    await publishDescriptor(producer, registryTopic, {
      apiVersion: 'kafka-mesh.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: `pg-product-${run}`, description: 'Stored in PostgreSQL' },
      spec: {
        owner: 'group:default/guests',
        domain: 'examples',
        lifecycle: 'experimental',
        output: { cluster: 'local', topic: `pg.product-${run}.v1`, format: 'json' },
        sla: {
          tier: 'tier-3',
          availability: 99,
          freshness: 'PT1H',
          supportHours: 'business-hours',
          onCall: 'https://oncall.example.com/guests',
        },
      },
    });
    await producer.disconnect();
    const entity = await waitForEntity(
      backend.baseUrl,
      `dataproduct/default/pg-product-${run}`,
    );
    // No topic was created for it: the provider says so instead of failing.
    expect(entity.spec.observed.topic).toEqual({ status: 'missing' });
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [registryTopic] });
    await admin.disconnect();
  }, 120_000);
});
