import { mockCredentials } from '@backstage/backend-test-utils';
import type { CandidateStream } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createTopics,
  ensureRegistryTopic,
  publishDescriptor,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
} from '../__testUtils__/catalogBackend';
import { examples } from './listCandidateStreams.examples';

// The module's own list, on the real broker and registry, through the
// catalog's actions registry as the MCP server calls it.
jest.setTimeout(90_000);

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-actions-${run}`;
/** A topic with a value schema and no product: a candidate. */
const candidate = `it.candidate-${run}.v1`;
/** A topic with a JSON schema: a candidate of another format. */
const jsonCandidate = `it.json-candidate-${run}.v1`;
/** A topic without a schema: not a candidate. */
const schemaless = `it.schemaless-${run}.v1`;
/** A topic with a schema that a published product owns: not a candidate. */
const published = `it.published-${run}.v1`;

describe('catalog:list-candidate-streams', () => {
  // The test's own fixtures run as the broker's admin; the module as the portal.
  const kafka = fixtureKafka();
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  let admin: Admin;
  let producer: Producer;
  let catalog: TestCatalog;

  const invokePath = `/.backstage/actions/v1/actions/${encodeURIComponent(
    'catalog:list-candidate-streams',
  )}/invoke`;
  const invoke = (input: unknown) =>
    catalog.request<{ output: { items: CandidateStream[] } }>(
      'POST',
      invokePath,
      input,
    );

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [candidate, jsonCandidate, schemaless, published].map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    const avro = JSON.stringify({
      type: 'record',
      name: 'Thing',
      fields: [{ name: 'id', type: 'string' }],
    });
    await registry.register(`${candidate}-value`, {
      schemaType: 'AVRO',
      schema: avro,
    });
    await registry.register(`${published}-value`, {
      schemaType: 'AVRO',
      schema: avro,
    });
    await registry.register(`${jsonCandidate}-value`, {
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { id: { type: 'string' } },
      }),
    });
    await ensureRegistryTopic(admin, registryTopic);
    producer = kafka.producer();
    await producer.connect();
    await publishDescriptor(
      producer,
      registryTopic,
      makeDataProduct(`published-${run}`, published),
    );
    catalog = await startTestCatalog({ registryUrl, registryTopic });
    // Until the provider has read the published product.
    await eventually(
      async () => {
        const ref = `dataproduct:default/published-${run}`;
        if (!(await catalog.entity(ref))) throw new Error(`no ${ref} yet`);
      },
      { deadlineMs: 60_000 },
    );
  }, 90_000);

  afterAll(async () => {
    await catalog?.stop();
    await producer?.disconnect();
    if (admin) {
      await admin
        .deleteTopics({
          topics: [
            candidate,
            jsonCandidate,
            schemaless,
            published,
            registryTopic,
          ],
        })
        .catch(() => undefined);
      await admin.disconnect();
    }
    for (const topic of [candidate, jsonCandidate, published]) {
      await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
    }
  });

  it('lists the topics with a schema and no product, with their format (example 1)', async () => {
    const { status, body } = await invoke(examples[0].input);
    expect(status).toBe(200);
    const items = body.output.items;
    expect(items).toEqual(
      expect.arrayContaining([
        {
          cluster: 'local',
          topic: candidate,
          subject: `${candidate}-value`,
          format: 'avro',
        },
        {
          cluster: 'local',
          topic: jsonCandidate,
          subject: `${jsonCandidate}-value`,
          format: 'json',
        },
      ]),
    );
    const topics = items.map(i => i.topic);
    expect(topics).not.toContain(schemaless);
    expect(topics).not.toContain(published);
    expect(topics).not.toContain(registryTopic);
  });

  it("answers with the same list as the module's route", async () => {
    const route = await catalog.get<{ items: CandidateStream[] }>(
      '/data-mesh/candidate-streams',
    );
    const { body } = await invoke({});
    expect(body.output.items).toEqual(route.body.items);
  });

  it('is listed as a read-only action of the catalog', async () => {
    const { status, body } = await catalog.get<{
      actions: Array<{ id: string; attributes: object }>;
    }>('/.backstage/actions/v1/actions');
    expect(status).toBe(200);
    expect(
      body.actions.find(a => a.id === 'catalog:list-candidate-streams'),
    ).toMatchObject({
      attributes: { readOnly: true, destructive: false, idempotent: true },
    });
  });

  it('refuses a caller without a valid token, as the route does', async () => {
    // (The test backend's mock auth takes a request without a token for a
    // default user; the e2e test calls the real backend without one.)
    const Authorization = mockCredentials.user.invalidHeader();
    const action = await fetch(`${catalog.baseUrl}${invokePath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization },
      body: '{}',
    });
    const route = await fetch(
      `${catalog.baseUrl}/data-mesh/candidate-streams`,
      { headers: { Authorization } },
    );
    expect([action.status, route.status]).toEqual([401, 401]);
  });
});
