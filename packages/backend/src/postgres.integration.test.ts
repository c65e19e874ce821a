import { Client } from 'pg';
import { startTestPostgres, TestPostgres } from './testing/postgres';
import { RunningBackend, startBackend } from './testing/startBackend';

// The production configuration runs on PostgreSQL; this starts the real
// backend on a real PostgreSQL server and checks that the plugins created
// and use their databases.
const TOKEN = 'postgres-test-token';

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
});
