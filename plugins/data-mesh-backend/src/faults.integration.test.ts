import type { Entity } from '@backstage/catalog-model';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import type {
  ProductConsumersResponse,
  ProductHealthResponse,
  ProductSamplesResponse,
  ProductsFreshnessResponse,
  SchemaVersionResponse,
  SchemaVersionsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createSchemaRegistry,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startDataMeshBackend,
  TestDataMeshBackend,
  TestResponse,
} from './__testUtils__/testBackend';
import { IsolatedStack, startIsolated } from '@kafka-mesh/local-stack';

// These tests stop Kafka and the registry on purpose, so they run on a
// private stack on free ports; the shared one other test files use stays up.
// The bound covers starting that stack, a backend, an outage and a return.
jest.setTimeout(300_000);

/** What the backend must do once a part is back: answer 200 again. */
const RECOVERY_DEADLINE_MS = 30_000;
/**
 * How long the routes may keep answering from their live caches (5 s) and
 * in-flight reads (a few call timeouts) before an outage shows.
 */
const OUTAGE_NOTICED_DEADLINE_MS = 60_000;
/** How long Kafka stays down: a long outage, not a blip. */
const KAFKA_OUTAGE_MS = 60_000;

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'faults',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'qty', type: 'long' },
  ],
};
// A compatible evolution: a new field with a default.
const orderSchemaV2 = {
  ...orderSchema,
  fields: [
    ...orderSchema.fields,
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

/** A record as the samples route must show it. */
interface WrittenRecord {
  key: string;
  value: Record<string, unknown>;
  at: number;
}

/**
 * One product with a topic, a schema, records and a consumer group, and
 * what the routes must answer about it; a test that writes more updates it.
 */
interface Fixture {
  ref: string;
  base: string;
  topic: string;
  subject: string;
  group: string;
  entities: Entity[];
  kafka: ReturnType<typeof fixtureKafka>;
  registry: ReturnType<typeof createSchemaRegistry>;
  /** Oldest first. */
  records: WrittenRecord[];
  versions: number[];
  latestFields: string[];
}

/**
 * Creates a product's state on the isolated stack under fresh names, so
 * that each test stands on its own: a 1-partition topic with three
 * records encoded with a registered Avro schema, and a group that
 * committed offset 1 (lag 2). Nothing is deleted afterwards: the whole
 * stack is.
 */
async function seedProduct(
  isolated: IsolatedStack,
  label: string,
): Promise<Fixture> {
  const run = randomUUID().slice(0, 8);
  const topic = `faults.${label}-${run}.v1`;
  const subject = `${topic}-value`;
  const group = `faults-reader-${run}`;
  const name = `${label}-${run}`;
  // The fixtures run as the isolated stack's admin; the backend as its portal.
  const kafka = fixtureKafka(isolated.clusterConfig('admin'));
  const registry = createSchemaRegistry({ url: isolated.registryUrl });
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
    { subject },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    const now = Date.now();
    const records = [0, 1, 2].map(i => ({
      key: `o-${i}`,
      value: { orderId: `o-${i}`, qty: i },
      at: now - 3000 + i * 1000,
    }));
    await produce(
      kafka,
      topic,
      await Promise.all(
        records.map(async r => ({
          key: r.key,
          value: await registry.encode(id, r.value),
          timestamp: String(r.at),
        })),
      ),
    );
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [{ partition: 0, offset: '1' }],
    });
    const product = makeDataProduct(name, topic);
    return {
      ref: `dataproduct:default/${name}`,
      base: `/products/default/${name}`,
      topic,
      subject,
      group,
      // An hour of freshness, so a slow outage does not breach it.
      entities: [
        {
          ...product,
          spec: {
            ...product.spec,
            sla: { ...product.spec.sla, freshness: 'PT1H' },
          },
        },
      ],
      kafka,
      registry,
      records,
      versions: [1],
      latestFields: ['orderId', 'qty'],
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function produce(
  kafka: ReturnType<typeof fixtureKafka>,
  topic: string,
  messages: Message[],
) {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** A route under test: how to call it and what a correct answer holds. */
interface Route {
  name: string;
  call(): Promise<TestResponse<any>>;
  expectCorrect(body: any): void;
}

/** When the fixture's newest record was written, as the API shows it. */
const newestOf = (f: Fixture) =>
  new Date(Math.max(...f.records.map(r => r.at))).toISOString();

function liveRoutes(backend: TestDataMeshBackend, f: Fixture): Route[] {
  return [
    {
      name: 'health',
      call: () => backend.get(`${f.base}/health`),
      expectCorrect(body: ProductHealthResponse) {
        expect(body.topic).toBe(f.topic);
        expect(
          body.partitions.map(p => [p.partition, p.startOffset, p.endOffset]),
        ).toEqual([[0, '0', String(f.records.length)]]);
        expect(body.newestRecordAt).toBe(newestOf(f));
        expect(body.freshness.status).toBe('ok');
      },
    },
    {
      name: 'consumers',
      call: () => backend.get(`${f.base}/consumers`),
      expectCorrect(body: ProductConsumersResponse) {
        expect(body.topic).toBe(f.topic);
        expect(body.groups).toEqual([
          expect.objectContaining({
            groupId: f.group,
            totalLag: f.records.length - 1,
            partitions: [
              expect.objectContaining({
                partition: 0,
                committedOffset: '1',
                endOffset: String(f.records.length),
                lag: f.records.length - 1,
              }),
            ],
          }),
        ]);
      },
    },
    samplesRoute(backend, f),
    {
      name: 'freshness',
      call: () => backend.post('/freshness', { entityRefs: [f.ref] }),
      expectCorrect(body: ProductsFreshnessResponse) {
        expect(body.items[f.ref]).toMatchObject({
          status: 'ok',
          newestRecordAt: newestOf(f),
          slaFreshness: 'PT1H',
        });
      },
    },
  ];
}

function samplesRoute(backend: TestDataMeshBackend, f: Fixture): Route {
  return {
    name: 'samples',
    call: () => backend.get(`${f.base}/samples`),
    expectCorrect(body: ProductSamplesResponse) {
      // Decoded through the registry, newest first.
      expect(body.records.map(r => [r.key, r.value])).toEqual(
        [...f.records].reverse().map(r => [r.key, r.value]),
      );
    },
  };
}

function schemaRoutes(backend: TestDataMeshBackend, f: Fixture): Route[] {
  return [
    {
      name: 'schema/versions',
      call: () => backend.get(`${f.base}/schema/versions`),
      expectCorrect(body: SchemaVersionsResponse) {
        expect(body).toMatchObject({
          subject: f.subject,
          versions: f.versions,
        });
      },
    },
    {
      name: 'schema/versions/latest',
      call: () => backend.get(`${f.base}/schema/versions/latest`),
      expectCorrect(body: SchemaVersionResponse) {
        expect(body).toMatchObject({
          subject: f.subject,
          version: f.versions[f.versions.length - 1],
          format: 'avro',
        });
        expect(body.fields.map(field => field.path)).toEqual(f.latestFields);
      },
    },
  ];
}

/**
 * Every answer the routes gave during a test, so that a single 500 (or any
 * 5xx but 503) anywhere in an outage or a return fails it.
 */
class Answers {
  readonly seen: Array<{ route: string; status: number; text: string }> = [];

  async of(route: Route): Promise<TestResponse<any>> {
    const res = await route.call();
    this.seen.push({ route: route.name, status: res.status, text: res.text });
    return res;
  }

  /** Every answer that was a server error other than 503. */
  serverErrorsBut503() {
    return this.seen.filter(a => a.status >= 500 && a.status !== 503);
  }
}

/** All routes answer 200 with correct content (one try; wrap in eventually). */
async function expectAllCorrect(routes: Route[], answers: Answers) {
  const results = await Promise.all(routes.map(r => answers.of(r)));
  routes.forEach((route, i) => {
    expect([route.name, results[i].status]).toEqual([route.name, 200]);
    route.expectCorrect(results[i].body);
  });
}

/** All routes answer 503 (one try; wrap in eventually). */
async function expectAllUnavailable(
  routes: Route[],
  answers: Answers,
): Promise<Array<TestResponse<any>>> {
  const results = await Promise.all(routes.map(r => answers.of(r)));
  routes.forEach((route, i) =>
    expect([route.name, results[i].status]).toEqual([route.name, 503]),
  );
  return results;
}

/** What every 503 must carry, and must not. */
function expectProperUnavailable(
  res: TestResponse<any>,
  part: RegExp,
  secrets: readonly string[],
) {
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body.error.name).toBe('ServiceUnavailableError');
  // It says which part is away.
  expect(res.body.error.message).toMatch(part);
  for (const secret of secrets) expect(res.text).not.toContain(secret);
}

/** Seconds since `since`, to one decimal, for the report. */
const secondsSince = (since: number) =>
  Math.round((Date.now() - since) / 100) / 10;

describe('the backend when Kafka or the registry goes away and comes back', () => {
  let isolated: IsolatedStack;
  // The registry ignores the credentials; they are there to be leaked, or not.
  const registryAuth = { username: 'mesh', password: `pw-${randomUUID()}` };
  const secrets = [
    registryAuth.password,
    Buffer.from(`mesh:${registryAuth.password}`).toString('base64'),
  ];

  /** A backend on the isolated stack, with the fixture's product ingested. */
  const startBackend = async (f: Fixture) => {
    const backend = await startDataMeshBackend({
      cluster: isolated.clusterConfig('portal'),
      registryUrl: isolated.registryUrl,
      registryAuth,
      entities: f.entities,
    });
    try {
      await eventually(async () => {
        const { status } = await backend.get(`${f.base}/schema/versions`);
        if (status === 404) throw new Error('product not ingested yet');
      });
      return backend;
    } catch (error) {
      await backend.stop();
      throw error;
    }
  };

  /** Brings back whatever a test stopped; a healthy part is left alone. */
  const restoreStack = async () => {
    await isolated.startPart('kafka');
    await isolated.startPart('registry');
  };

  beforeAll(async () => {
    isolated = await startIsolated();
  });

  afterAll(async () => {
    await isolated?.down();
  });

  it('answers 503 for live routes while Kafka is down for a minute, and 200 again within 30 s of its return', async () => {
    const fixture = await seedProduct(isolated, 'kafka');
    const backend = await startBackend(fixture);
    const answers = new Answers();
    try {
      const routes = liveRoutes(backend, fixture);
      await eventually(() => expectAllCorrect(routes, answers), {
        deadlineMs: RECOVERY_DEADLINE_MS,
      });

      await isolated.stopPart('kafka');
      const stoppedAt = Date.now();
      const down = await eventually(
        () => expectAllUnavailable(routes, answers),
        { deadlineMs: OUTAGE_NOTICED_DEADLINE_MS, intervalMs: 1000 },
      );
      down.forEach(res => expectProperUnavailable(res, /kafka/i, secrets));
      // A minute down, every route asked all along: each answer a proper
      // 503, never a 500 or a hang past the routes' own deadlines.
      while (Date.now() - stoppedAt < KAFKA_OUTAGE_MS) {
        (await expectAllUnavailable(routes, answers)).forEach(res =>
          expectProperUnavailable(res, /kafka/i, secrets),
        );
        await new Promise(resolve => setTimeout(resolve, 2000));
      }

      // The same backend, never restarted, must heal by itself.
      await isolated.startPart('kafka');
      const returnedAt = Date.now();
      await eventually(() => expectAllCorrect(routes, answers), {
        deadlineMs: RECOVERY_DEADLINE_MS,
      });
      process.stderr.write(
        `[faults] Kafka: all live routes 200 again ${secondsSince(
          returnedAt,
        )} s after its return\n`,
      );
      expect(answers.serverErrorsBut503()).toEqual([]);
    } finally {
      await restoreStack();
      await backend.stop();
    }
  });

  it('answers 503 for schema routes and samples while the registry is down, and 200 again within 30 s of its return', async () => {
    const fixture = await seedProduct(isolated, 'registry');
    const backend = await startBackend(fixture);
    const answers = new Answers();
    try {
      const routes = [
        ...schemaRoutes(backend, fixture),
        samplesRoute(backend, fixture),
      ];
      await eventually(() => expectAllCorrect(routes, answers), {
        deadlineMs: RECOVERY_DEADLINE_MS,
      });

      // A second version, and a record written with it while the registry
      // is away: after its return, decoding needs a schema the backend has
      // never fetched, so its decoding client must reach the registry again
      // (its cache of the first version would hide a dead connection).
      const { id: v2 } = await fixture.registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(orderSchemaV2) },
        { subject: fixture.subject },
      );
      const late = {
        key: 'o-3',
        value: { orderId: 'o-3', qty: 3, note: 'written in the outage' },
        at: Date.now(),
      };
      const encoded = await fixture.registry.encode(v2, late.value);

      await isolated.stopPart('registry');
      await produce(fixture.kafka, fixture.topic, [
        { key: late.key, value: encoded, timestamp: String(late.at) },
      ]);
      fixture.records.push(late);
      fixture.versions = [1, 2];
      fixture.latestFields = ['orderId', 'qty', 'note'];
      const down = await eventually(
        () => expectAllUnavailable(routes, answers),
        { deadlineMs: OUTAGE_NOTICED_DEADLINE_MS, intervalMs: 1000 },
      );
      down.forEach(res =>
        expectProperUnavailable(res, /schema registry/i, secrets),
      );

      await isolated.startPart('registry');
      const returnedAt = Date.now();
      await eventually(() => expectAllCorrect(routes, answers), {
        deadlineMs: RECOVERY_DEADLINE_MS,
      });
      process.stderr.write(
        `[faults] registry: schema routes and samples 200 again ${secondsSince(
          returnedAt,
        )} s after its return\n`,
      );
      expect(answers.serverErrorsBut503()).toEqual([]);
    } finally {
      await restoreStack();
      await backend.stop();
    }
  });
});
