import type { Entity } from '@backstage/catalog-model';
import type { ProductsFreshnessResponse } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { Admin } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startDataMeshBackend,
  TestDataMeshBackend,
  sharedStack,
} from './__testUtils__/testBackend';

const { registryUrl } = sharedStack;

const run = randomUUID().slice(0, 8);
const HOUR = 3_600_000;
const topics = {
  fresh: `it.dm-fresh-${run}.v1`,
  atRisk: `it.dm-at-risk-${run}.v1`,
  breached: `it.dm-breached-${run}.v1`,
  empty: `it.dm-empty-${run}.v1`,
};
const names = {
  fresh: `fresh-${run}`,
  atRisk: `at-risk-${run}`,
  breached: `breached-${run}`,
  empty: `empty-${run}`,
  missingTopic: `no-topic-${run}`,
  otherCluster: `other-cluster-${run}`,
  hidden: `hidden-${run}`,
};
const HIDDEN = 'it.kafka-mesh.io/hidden';

/** A DataProduct with the given output topic and SLA freshness. */
function product(
  name: string,
  topic: string,
  freshness: string,
  cluster = 'local',
): Entity {
  const entity = makeDataProduct(name, topic);
  return {
    ...entity,
    spec: {
      ...entity.spec,
      output: { ...entity.spec.output, cluster },
      sla: { ...entity.spec.sla, freshness },
    },
  };
}

// Catalog ingestion is asynchronous; `eventually` waits, this bounds a hang.
jest.setTimeout(120_000);

describe('POST /freshness on the real broker', () => {
  const kafka = fixtureKafka();
  let admin: Admin;
  let backend: TestDataMeshBackend;
  let hiding = false;
  // Record timestamps, set by the producer.
  const now = Date.now();
  const written = {
    freshOld: now - HOUR / 2,
    freshNew: now - 1000,
    // 22 h of a 24 h promise: at risk for the next two hours.
    atRisk: now - 22 * HOUR,
    breachedOld: now - 4 * HOUR,
    breachedNew: now - 3 * HOUR,
  };
  const requested = {
    fresh: `dataproduct:default/${names.fresh}`,
    // Kind and namespace may be left out, or spelled differently.
    atRisk: names.atRisk,
    breached: `DataProduct:default/${names.breached}`,
    empty: `dataproduct:default/${names.empty}`,
    missingTopic: `dataproduct:default/${names.missingTopic}`,
    otherCluster: `dataproduct:default/${names.otherCluster}`,
    hidden: `dataproduct:default/${names.hidden}`,
    unknown: `dataproduct:default/nope-${run}`,
  };
  const entityRefs = Object.values(requested);

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: topics.fresh, numPartitions: 2, replicationFactor: 1 },
        { topic: topics.atRisk, numPartitions: 1, replicationFactor: 1 },
        { topic: topics.breached, numPartitions: 1, replicationFactor: 1 },
        { topic: topics.empty, numPartitions: 1, replicationFactor: 1 },
      ],
    });
    const producer = kafka.producer();
    await producer.connect();
    const record = (partition: number, at: number) => ({
      partition,
      value: JSON.stringify({ at }),
      timestamp: String(at),
    });
    await producer.sendBatch({
      topicMessages: [
        {
          topic: topics.fresh,
          // The newest record is on the second partition.
          messages: [record(0, written.freshOld), record(1, written.freshNew)],
        },
        { topic: topics.atRisk, messages: [record(0, written.atRisk)] },
        {
          topic: topics.breached,
          messages: [
            record(0, written.breachedOld),
            record(0, written.breachedNew),
          ],
        },
      ],
    });
    await producer.disconnect();

    const hidden = product(names.hidden, topics.fresh, 'PT1H');
    backend = await startDataMeshBackend({
      registryUrl,
      entities: [
        product(names.fresh, topics.fresh, 'PT1H'),
        product(names.atRisk, topics.atRisk, 'P1D'),
        product(names.breached, topics.breached, 'PT1H'),
        product(names.empty, topics.empty, 'PT5M'),
        product(names.missingTopic, `it.dm-never-created-${run}.v1`, 'PT5M'),
        product(names.otherCluster, topics.fresh, 'PT5M', 'not-configured'),
        {
          ...hidden,
          metadata: { ...hidden.metadata, annotations: { [HIDDEN]: 'yes' } },
        },
      ],
      // Once hiding, every entity but the annotated one may be read.
      catalogRead: () =>
        hiding
          ? {
              not: {
                rule: 'HAS_ANNOTATION',
                resourceType: 'catalog-entity',
                params: { annotation: HIDDEN },
              },
            }
          : undefined,
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    await admin
      ?.deleteTopics({ topics: Object.values(topics) })
      .catch(() => undefined);
    await admin?.disconnect();
  });

  it('reports the live freshness of every visible product in one request', async () => {
    // Waits for the catalog to ingest all seven products.
    await eventually(async () => {
      const res = await backend.post<ProductsFreshnessResponse>('/freshness', {
        entityRefs,
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.items)).toHaveLength(7);
    });
    hiding = true;
    const res = await backend.post<ProductsFreshnessResponse>('/freshness', {
      entityRefs,
    });
    expect(res.status).toBe(200);
    const { items } = res.body;

    expect(Object.keys(items).sort()).toEqual(
      [
        requested.fresh,
        requested.atRisk,
        requested.breached,
        requested.empty,
        requested.missingTopic,
        requested.otherCluster,
      ].sort(),
    );
    expect(items[requested.fresh]).toMatchObject({
      status: 'ok',
      newestRecordAt: new Date(written.freshNew).toISOString(),
      slaFreshness: 'PT1H',
    });
    expect(items[requested.fresh].ageMs).toBeGreaterThanOrEqual(0);
    expect(items[requested.atRisk]).toMatchObject({
      status: 'at-risk',
      newestRecordAt: new Date(written.atRisk).toISOString(),
      slaFreshness: 'P1D',
    });
    expect(items[requested.breached]).toMatchObject({
      status: 'breached',
      newestRecordAt: new Date(written.breachedNew).toISOString(),
      slaFreshness: 'PT1H',
    });
    expect(items[requested.breached].ageMs).toBeGreaterThanOrEqual(3 * HOUR);
    // No record to judge by: an empty topic, a missing one, an unknown cluster.
    for (const ref of [
      requested.empty,
      requested.missingTopic,
      requested.otherCluster,
    ]) {
      expect([ref, items[ref]]).toEqual([
        ref,
        { status: 'unknown', slaFreshness: 'PT5M' },
      ]);
    }
  });

  it('leaves out what the caller may not see and what the catalog lacks', async () => {
    hiding = true;
    const res = await backend.post<ProductsFreshnessResponse>('/freshness', {
      entityRefs: [requested.hidden, requested.unknown],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: {} });
  });

  it('answers an empty list without asking anyone', async () => {
    const res = await backend.post('/freshness', { entityRefs: [] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: {} });
  });

  it.each([
    [
      'too many refs',
      {
        entityRefs: Array.from({ length: 501 }, (_, i) => `p-${i}`),
      },
      'entityRefs holds 501 refs; at most 500 are allowed per request',
    ],
    [
      'a ref of another kind',
      { entityRefs: [requested.fresh, 'component:default/shop'] },
      "entityRefs[1] 'component:default/shop' is not a DataProduct ref",
    ],
    ['no list', { refs: [] }, 'The request body must be JSON of the form'],
    ['malformed JSON', '{"entityRefs": [', 'JSON'],
  ])('answers 400 for %s', async (_case, body, message) => {
    const res = await backend.post('/freshness', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });
});

describe('POST /freshness with Kafka unreachable', () => {
  let backend: TestDataMeshBackend;
  const name = `down-${run}`;

  beforeAll(async () => {
    backend = await startDataMeshBackend({
      // Nothing listens on port 1.
      // Nothing listens there: Kafka is away.
      cluster: { ...clusterConfig('portal'), brokers: ['localhost:1'] },
      registryUrl,
      entities: [product(name, topics.fresh, 'PT5M')],
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it('answers 503 with Retry-After', async () => {
    const res = await eventually(async () => {
      const answer = await backend.post('/freshness', { entityRefs: [name] });
      // 200 with no items until the catalog has ingested the product.
      expect(answer.status).not.toBe(200);
      return answer;
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toMatch(/^Kafka is unavailable: /);
  });
});
