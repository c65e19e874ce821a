import { createServiceFactory } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { SchemaRegistryRestClient } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startDataMeshBackend,
  TestDataMeshBackend,
  sharedStack,
} from './__testUtils__/testBackend';
import {
  BUSY_RETRY_AFTER_SECONDS,
  readRequestLimits,
  RequestLimits,
  requestLimitsServiceRef,
} from './lib/requestLimits';

const { registryUrl } = sharedStack;

const run = randomUUID().slice(0, 8);
const topics = {
  live: `it.dm-limits-live-${run}.v1`,
  shared: `it.dm-limits-shared-${run}.v1`,
  huge: `it.dm-limits-huge-${run}.v1`,
  wide: `it.dm-limits-wide-${run}.v1`,
  small: `it.dm-limits-small-${run}.v1`,
};
const names = {
  live: `limits-live-${run}`,
  shared: `limits-shared-${run}`,
  huge: `limits-huge-${run}`,
  wide: `limits-wide-${run}`,
  small: `limits-small-${run}`,
};
const path = (name: string, route: string) =>
  `/products/default/${name}/${route}`;

/** Ten million items: generating them would take the backend down. */
const hugeSchema = {
  type: 'object',
  required: ['tags'],
  properties: {
    tags: { type: 'array', minItems: 10_000_000, items: { type: 'string' } },
  },
};
/** Within every limit for one record: up to 505 values. */
const wideSchema = {
  type: 'object',
  required: ['tags'],
  properties: {
    tags: { type: 'array', minItems: 500, items: { type: 'string' } },
  },
};
const smallSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' } },
};

jest.setTimeout(120_000);

describe('bounded work on the real broker and registry', () => {
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  const kafka = fixtureKafka();
  // One place each, held by the tests themselves: what is over the cap is
  // then decided by the test, not by how long a read happens to take.
  const limits: RequestLimits = readRequestLimits(
    new ConfigReader({
      dataMesh: {
        limits: { kafkaReadsPerCluster: 1, syntheticGenerations: 1 },
      },
    }),
  );
  let admin: Admin;
  let backend: TestDataMeshBackend;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [topics.live, topics.shared].map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.sendBatch({
      topicMessages: [topics.live, topics.shared].map(topic => ({
        topic,
        messages: [{ value: JSON.stringify({ id: 'x' }) }],
      })),
    });
    await producer.disconnect();
    for (const [topic, schema] of [
      [topics.huge, hugeSchema],
      [topics.wide, wideSchema],
      [topics.small, smallSchema],
    ] as const) {
      await registry.register(`${topic}-value`, {
        schema: JSON.stringify(schema),
        schemaType: 'JSON',
      });
    }
    const json = (name: string, topic: string) =>
      makeDataProduct(name, topic, {
        output: { cluster: 'local', topic, format: 'json' },
      });
    backend = await startDataMeshBackend({
      registryUrl,
      entities: [
        makeDataProduct(names.live, topics.live),
        makeDataProduct(names.shared, topics.shared),
        json(names.huge, topics.huge),
        json(names.wide, topics.wide),
        json(names.small, topics.small),
      ],
      features: [
        createServiceFactory({
          service: requestLimitsServiceRef,
          deps: {},
          factory: () => limits,
        }),
      ],
    });
    await eventually(async () => {
      const { status } = await backend.get(
        `${path(names.small, 'synthetic')}?count=1`,
      );
      if (status !== 200) {
        throw new Error(`products not ingested yet (${status})`);
      }
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await Promise.all(
      [topics.huge, topics.wide, topics.small].map(topic =>
        registry.deleteSubject(`${topic}-value`).catch(() => undefined),
      ),
    );
    await admin
      ?.deleteTopics({ topics: [topics.live, topics.shared] })
      .catch(() => undefined);
    await admin?.disconnect();
  });

  it('refuses a schema demanding ten million items with 400, naming the limit', async () => {
    const res = await backend.get(`${path(names.huge, 'synthetic')}?count=1`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toBe(
      "Cannot generate synthetic records: 'tags' needs 10000000 items (minItems), more than the limit of 1000 items per array (maxArrayItems)",
    );
    // The download is refused the same way, and the refusal gave its
    // place back.
    expect(
      (await backend.get(`${path(names.huge, 'synthetic')}?download=1`)).status,
    ).toBe(400);
    expect(limits.synthetic.holding('')).toBe(0);
  });

  it('refuses a count whose records together exceed a request with 400', async () => {
    const res = await backend.get(
      `${path(names.wide, 'synthetic')}?count=1000`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Cannot generate synthetic records: 1000 records of up to 505 values each can take 505000 values, more than the limit of 100000 values per request (maxValuesPerRequest); ask for at most 198 records of this schema',
    );
    const fewer = await backend.get(`${path(names.wide, 'synthetic')}?count=5`);
    expect(fewer.status).toBe(200);
    expect(fewer.body.records).toHaveLength(5);
    for (const record of fewer.body.records) {
      expect(record.tags.length).toBeGreaterThanOrEqual(500);
    }
  });

  it('answers 429 with Retry-After while the synthetic generations are all under way', async () => {
    const release = limits.synthetic.enter('');
    try {
      const res = await backend.get(path(names.small, 'synthetic'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe(
        String(BUSY_RETRY_AFTER_SECONDS),
      );
      expect(res.body.error).toMatchObject({
        name: 'TooManyRequestsError',
        message: `Too many synthetic record generations at once (at most 1); try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
        retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
      });
    } finally {
      release();
    }
    const res = await backend.get(path(names.small, 'synthetic'));
    expect(res.status).toBe(200);
    expect(res.body.records).toHaveLength(20);
    // The request gave its place back.
    expect(limits.synthetic.holding('')).toBe(0);
  });

  it('answers 429 with Retry-After to live reads of a cluster whose reads are all under way', async () => {
    const release = limits.kafkaReads.enter('local');
    try {
      for (const res of [
        await backend.get(path(names.live, 'health')),
        await backend.get(path(names.live, 'consumers')),
        await backend.post('/freshness', {
          entityRefs: [`dataproduct:default/${names.live}`],
        }),
      ]) {
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe(
          String(BUSY_RETRY_AFTER_SECONDS),
        );
        expect(res.body.error).toMatchObject({
          name: 'TooManyRequestsError',
          message: `Too many live reads of the Kafka cluster 'local' at once (at most 1); try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
        });
      }
    } finally {
      release();
    }
    const health = await backend.get(path(names.live, 'health'));
    expect(health.status).toBe(200);
    expect(health.body.topic).toBe(topics.live);
    expect(health.body.partitions).toHaveLength(1);
    const freshness = await backend.post('/freshness', {
      entityRefs: [`dataproduct:default/${names.live}`],
    });
    expect(freshness.status).toBe(200);
    expect(
      freshness.body.items[`dataproduct:default/${names.live}`].status,
    ).toBe('ok');
    expect(limits.kafkaReads.holding('local')).toBe(0);
  });

  it('reads Kafka once for two identical requests at the same time', async () => {
    const reads = jest.spyOn(limits.kafkaReads, 'run');
    try {
      // The second either shares the first's read under way or, if that
      // already ended, its cached answer: one read either way. With one
      // place per cluster, a second read would have been refused.
      const [a, b] = await Promise.all([
        backend.get(path(names.shared, 'health')),
        backend.get(path(names.shared, 'health')),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(reads.mock.calls[0][0]).toBe('local');
    } finally {
      reads.mockRestore();
    }
  });
});
