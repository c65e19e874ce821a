import type { Entity } from '@backstage/catalog-model';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dataMeshPermissions,
  ANNOTATION_CONSUMER_GROUPS,
  dataMeshPiiReadPermission,
  dataMeshSamplesReadPermission,
  ProductConsumersResponse,
  ProductHealthResponse,
  ProductSamplesResponse,
  SchemaDiffResponse,
  SchemaVersionResponse,
  SchemaVersionsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  createSchemaRegistry,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  fixtureKafka,
  startDataMeshBackend,
  TestDataMeshBackend,
  sharedStack,
} from './__testUtils__/testBackend';

const { registryUrl } = sharedStack;

const run = randomUUID().slice(0, 8);
const topic = `it.dm-orders-${run}.v1`;
const subject = `${topic}-value`;
const product = `orders-${run}`;
const group = `it-billing-${run}`;
/** The consumer group of the processor of a product derived from orders. */
const processorGroup = `it-orders-report-${run}`;
const base = `/products/default/${product}`;
// The registry ignores the credentials; they are there to be leaked, or not.
const registryAuth = { username: 'mesh', password: `pw-${randomUUID()}` };

const v1 = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'it',
  fields: [
    { name: 'orderId', type: 'string' },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'name', type: 'string' },
        ],
      },
    },
    {
      name: 'placedAt',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
  ],
};
// A compatible evolution: a new field with a default.
const v2 = {
  ...v1,
  fields: [...v1.fields, { name: 'channel', type: 'string', default: 'web' }],
};

const entities: Entity[] = [
  makeDataProduct(product, topic, { piiFields: ['customer.email'] }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `billing-${run}`,
      annotations: { [ANNOTATION_CONSUMER_GROUPS]: `local/${group}` },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
  },
  makeDataProduct(`orders-report-${run}`, `it.dm-orders-report-${run}.v1`, {
    inputs: [`dataproduct:default/${product}`],
    processor: { consumerGroups: [processorGroup] },
  }),
];

// Catalog ingestion is asynchronous; `eventually` waits, this bounds a hang.
jest.setTimeout(120_000);

describe('the data mesh backend on the real broker and registry', () => {
  const kafka = fixtureKafka();
  const registry = createSchemaRegistry({ url: registryUrl });
  const decisions = {
    samples: AuthorizeResult.ALLOW as
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY,
    pii: AuthorizeResult.DENY as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  };
  let admin: Admin;
  let backend: TestDataMeshBackend;
  const order = (i: number) => ({
    orderId: `o-${i}`,
    customer: { email: `buyer${i}@example.com`, name: `Buyer ${i}` },
    placedAt: Date.now(),
  });

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
    });
    const res = await fetch(
      `${registryUrl}/config/${encodeURIComponent(subject)}`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: 'BACKWARD' }),
      },
    );
    await res.body?.cancel();
    const { id: id1 } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(v1) },
      { subject },
    );
    const { id: id2 } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(v2) },
      { subject },
    );

    const producer = kafka.producer();
    await producer.connect();
    // Partition 0: o-1 (v1), o-2, o-3; partition 1: o-4, o-5.
    await producer.send({
      topic,
      messages: [
        {
          partition: 0,
          key: 'o-1',
          value: await registry.encode(id1, order(1)),
        },
        ...(await Promise.all(
          [2, 3].map(async i => ({
            partition: 0,
            key: `o-${i}`,
            value: await registry.encode(id2, { ...order(i), channel: 'app' }),
          })),
        )),
      ],
    });
    await producer.send({
      topic,
      messages: await Promise.all(
        [4, 5].map(async i => ({
          partition: 1,
          key: `o-${i}`,
          value: await registry.encode(id2, { ...order(i), channel: 'app' }),
        })),
      ),
    });
    await producer.disconnect();
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '1' },
        { partition: 1, offset: '2' },
      ],
    });
    await admin.setOffsets({
      groupId: processorGroup,
      topic,
      partitions: [
        { partition: 0, offset: '3' },
        { partition: 1, offset: '2' },
      ],
    });

    backend = await startDataMeshBackend({
      registryUrl,
      registryAuth,
      entities,
      decide: permission => {
        if (permission.name === dataMeshSamplesReadPermission.name) {
          return decisions.samples;
        }
        if (permission.name === dataMeshPiiReadPermission.name) {
          return decisions.pii;
        }
        return AuthorizeResult.ALLOW;
      },
    });
    // Wait until the catalog has ingested the product.
    await eventually(async () => {
      const { status } = await backend.get(`${base}/schema/versions`);
      if (status !== 200)
        throw new Error(`product not ingested yet (${status})`);
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin
      ?.deleteGroups([group, processorGroup])
      .catch(() => undefined);
    await admin?.disconnect();
  });

  it('lists the schema versions with the compatibility level', async () => {
    const res = await backend.get<SchemaVersionsResponse>(
      `${base}/schema/versions`,
    );
    expect(res.body).toEqual({
      subject,
      compatibility: 'BACKWARD',
      versions: [1, 2],
    });
  });

  it('serves a version with flattened fields and PII flags', async () => {
    const res = await backend.get<SchemaVersionResponse>(
      `${base}/schema/versions/latest`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subject, version: 2, format: 'avro' });
    expect(JSON.parse(res.body.schema)).toEqual(v2);
    expect(res.body.fields).toEqual([
      { path: 'orderId', type: 'string', nullable: false, pii: false },
      { path: 'customer', type: 'record', nullable: false, pii: false },
      { path: 'customer.email', type: 'string', nullable: false, pii: true },
      { path: 'customer.name', type: 'string', nullable: false, pii: false },
      {
        path: 'placedAt',
        type: 'long (timestamp-millis)',
        nullable: false,
        pii: false,
      },
      {
        path: 'channel',
        type: 'string',
        nullable: false,
        default: '"web"',
        pii: false,
      },
    ]);
    const first = await backend.get<SchemaVersionResponse>(
      `${base}/schema/versions/1`,
    );
    expect(first.body.version).toBe(1);
    expect(first.body.fields.map(f => f.path)).not.toContain('channel');
  });

  it('diffs two versions', async () => {
    const res = await backend.get<SchemaDiffResponse>(
      `${base}/schema/diff?from=1&to=2`,
    );
    expect(res.body).toEqual({
      subject,
      from: 1,
      to: 2,
      changes: [{ path: 'channel', change: 'added', after: 'string' }],
    });
  });

  it('answers 404 for an unknown version and 400 for a bad one', async () => {
    expect((await backend.get(`${base}/schema/versions/99`)).status).toBe(404);
    expect((await backend.get(`${base}/schema/versions/x`)).status).toBe(400);
    expect((await backend.get(`${base}/schema/diff?from=1`)).status).toBe(400);
  });

  it('reports topic health: offsets, a fresh newest record and throughput', async () => {
    const res = await backend.get<ProductHealthResponse>(`${base}/health`);
    expect(res.status).toBe(200);
    const health = res.body;
    expect(health.topic).toBe(topic);
    expect(
      health.partitions.map(p => [p.partition, p.startOffset, p.endOffset]),
    ).toEqual([
      [0, '0', '3'],
      [1, '0', '2'],
    ]);
    expect(health.partitions.every(p => p.newestRecordAt)).toBe(true);
    expect(health.newestRecordAt).toBeDefined();
    expect(health.freshness).toMatchObject({ status: 'ok', slaMs: 300_000 });
    expect(health.freshness.ageMs).toBeGreaterThanOrEqual(0);
    expect(health.throughputPerSecond).toBeGreaterThan(0);
    expect(health.throughputHistory).toHaveLength(10);
    expect(health.throughputHistory.at(-1)!.perSecond).toBeGreaterThan(0);
    expect(health.throughputHistory.at(-1)!.perSecond).toBe(
      health.throughputPerSecond,
    );
    expect(health.sizeBytes).toBeUndefined();
  });

  it('lists the consumer group with its lag and component', async () => {
    const res = await backend.get<ProductConsumersResponse>(
      `${base}/consumers`,
    );
    expect(res.status).toBe(200);
    expect(res.body.topic).toBe(topic);
    const found = res.body.groups.find(g => g.groupId === group);
    expect(found).toMatchObject({
      groupId: group,
      totalLag: 2,
      component: `component:default/billing-${run}`,
      partitions: [
        { partition: 0, committedOffset: '1', endOffset: '3', lag: 2 },
        { partition: 1, committedOffset: '2', endOffset: '2', lag: 0 },
      ],
    });
    // A processor's group is the derived product's, not "not in the catalog".
    expect(
      res.body.groups.find(g => g.groupId === processorGroup),
    ).toMatchObject({
      totalLag: 0,
      product: `dataproduct:default/orders-report-${run}`,
    });
    // Only groups that committed on this topic are listed.
    expect(res.body.groups).toHaveLength(2);
  });

  it('decodes samples with PII masked for a reader without the PII permission', async () => {
    decisions.samples = AuthorizeResult.ALLOW;
    decisions.pii = AuthorizeResult.DENY;
    const res = await backend.get<ProductSamplesResponse>(`${base}/samples`);
    expect(res.status).toBe(200);
    expect(res.body.piiVisible).toBe(false);
    expect(res.body.records).toHaveLength(5);
    const byKey = new Map(res.body.records.map(r => [r.key, r]));
    expect(byKey.get('o-1')).toMatchObject({
      partition: 0,
      offset: '0',
      value: {
        orderId: 'o-1',
        customer: { email: '••••', name: 'Buyer 1' },
      },
      masked: ['customer.email'],
    });
    expect(byKey.get('o-5')?.value).toMatchObject({
      orderId: 'o-5',
      channel: 'app',
      customer: { email: '••••' },
    });
    expect(res.text).not.toContain('@example.com');
  });

  it('shows PII to a reader with the PII permission, and honours the limit', async () => {
    decisions.samples = AuthorizeResult.ALLOW;
    decisions.pii = AuthorizeResult.ALLOW;
    const res = await backend.get<ProductSamplesResponse>(
      `${base}/samples?limit=2`,
    );
    expect(res.status).toBe(200);
    expect(res.body.piiVisible).toBe(true);
    expect(res.body.records).toHaveLength(2);
    for (const record of res.body.records) {
      expect(record.masked).toEqual([]);
      expect((record.value as any).customer.email).toMatch(/@example\.com$/);
    }
  });

  it('refuses samples without the samples permission, and a bad limit', async () => {
    decisions.samples = AuthorizeResult.DENY;
    const denied = await backend.get(`${base}/samples`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    decisions.samples = AuthorizeResult.ALLOW;
    const bad = await backend.get(`${base}/samples?limit=51`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
  });

  it("lists the suite's permissions in the plugin's permission metadata", async () => {
    const res = await backend.get(
      '/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    const names = res.body.permissions.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(dataMeshPermissions.map(p => p.name)),
    );
  });

  it('answers 404 for an unknown product on every route', async () => {
    for (const route of [
      'schema/versions',
      'schema/versions/latest',
      'schema/diff?from=1&to=2',
      'health',
      'consumers',
      'samples',
    ]) {
      const res = await backend.get(`/products/default/nope-${run}/${route}`);
      expect([route, res.status]).toEqual([route, 404]);
      expect(res.body.error.name).toBe('NotFoundError');
    }
  });
});

describe('the data mesh backend with Kafka and the registry unreachable', () => {
  let backend: TestDataMeshBackend;
  const secret = `pw-${randomUUID()}`;

  beforeAll(async () => {
    backend = await startDataMeshBackend({
      // Nothing listens on port 1.
      // Nothing listens there: Kafka is away.
      cluster: { ...clusterConfig('portal'), brokers: ['localhost:1'] },
      registryUrl: 'http://localhost:1/apis/ccompat/v7',
      registryAuth: { username: 'mesh', password: secret },
      entities,
    });
    await eventually(async () => {
      const { status } = await backend.get(`${base}/schema/versions`);
      if (status === 404) throw new Error('product not ingested yet');
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it.each([
    'schema/versions',
    'schema/versions/2',
    'health',
    'consumers',
    'samples',
  ])('%s answers 503 with Retry-After and without credentials', async route => {
    const res = await backend.get(`${base}/${route}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain(
      Buffer.from(`mesh:${secret}`).toString('base64'),
    );
  });
});
