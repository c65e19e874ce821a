import type { Entity } from '@backstage/catalog-model';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  ANNOTATION_CONSUMER_GROUPS,
  CandidateStream,
  CandidateStreamsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createSchemaRegistry,
  createTopics,
  ensureRegistryTopic,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
  TestResponse,
} from '../__testUtils__/catalogBackend';
import {
  IsolatedStack,
  PartName,
  startIsolated,
} from '@kafka-mesh/local-stack';

// These tests stop Kafka and the registry on purpose, so they run on a
// private stack on free ports; the shared one other test files use stays up.
// The bound covers a catalog, an outage of a minute and a return.
jest.setTimeout(300_000);

/** What the module must do once a part is back: answer correctly again. */
const RECOVERY_DEADLINE_MS = 30_000;
/**
 * Candidate streams are read live (no cache to outlast), so an outage shows
 * at the first call after it, bounded by a Kafka call's deadline (10 s).
 */
const OUTAGE_NOTICED_DEADLINE_MS = 30_000;
/** How long Kafka stays down: a long outage, not a blip. */
const KAFKA_OUTAGE_MS = 60_000;
/** How long the registry stays down, asked all along. */
const REGISTRY_OUTAGE_MS = 30_000;
/** How often the routes are asked during an outage. */
const POLL_MS = 2000;

const registryTopic = '_data-products';

const eventSchema = JSON.stringify({
  type: 'record',
  name: 'Event',
  namespace: 'faults',
  fields: [{ name: 'id', type: 'string' }],
});

/** Seconds since `since`, to one decimal, for the report. */
const secondsSince = (since: number) =>
  Math.round((Date.now() - since) / 100) / 10;

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function relationsOf(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

/**
 * Every answer a route gave during a test, so that a single 500 (or any
 * 5xx but 503) anywhere in an outage or a return fails it.
 */
class Answers {
  readonly seen: Array<{ status: number; body: unknown }> = [];

  constructor(private readonly call: () => Promise<TestResponse<any>>) {}

  async next(): Promise<TestResponse<any>> {
    const res = await this.call();
    this.seen.push({ status: res.status, body: res.body });
    return res;
  }

  serverErrorsBut503() {
    return this.seen.filter(a => a.status >= 500 && a.status !== 503);
  }
}

/**
 * Checks what must hold all along, about once a second until stopped, and
 * keeps every failure with the seconds since `since`: also while the test
 * waits for something else (a part's return, a commit).
 */
class Watch {
  readonly failures: string[] = [];
  private checks = 0;
  private running = true;
  private readonly done: Promise<void>;

  constructor(check: () => Promise<void>, since: number) {
    this.done = (async () => {
      while (this.running) {
        try {
          await check();
        } catch (error) {
          this.failures.push(
            `${secondsSince(since)} s: ${
              error instanceof Error ? error.message : String(error)
            }`,
          );
        }
        this.checks += 1;
        await pause(1000);
      }
    })();
  }

  async stop(): Promise<{ failures: string[]; checks: number }> {
    this.running = false;
    await this.done;
    return { failures: this.failures, checks: this.checks };
  }
}

/** What every 503 must carry: when to ask again, and which part is away. */
function expectProperUnavailable(
  res: TestResponse<any>,
  away: RegExp,
  notAway: RegExp,
) {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body.error.name).toBe('ServiceUnavailableError');
  expect(res.body.error.message).toMatch(away);
  expect(res.body.error.message).not.toMatch(notAway);
}

describe('the catalog module when Kafka or the registry goes away and comes back', () => {
  let isolated: IsolatedStack;
  let kafka: ReturnType<typeof fixtureKafka>;
  let registry: ReturnType<typeof createSchemaRegistry>;
  let catalog: TestCatalog | undefined;

  /** Fresh names per test, so that each stands on its own on the shared isolated stack. */
  const names = (label: string) => {
    const run = randomUUID().slice(0, 8);
    return {
      run,
      topic: (what: string) => `faults.${label}-${what}-${run}.v1`,
    };
  };

  const withAdmin = async <T>(
    fn: (admin: ReturnType<typeof kafka.admin>) => Promise<T>,
  ) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };

  const createTopic = (topic: string) =>
    withAdmin(admin =>
      createTopics(admin, {
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      }),
    );

  const registerSchema = (topic: string) =>
    registry.register(
      { type: SchemaType.AVRO, schema: eventSchema },
      { subject: `${topic}-value` },
    );

  /** A topic with a value schema: a candidate until someone publishes it. */
  const createStream = async (topic: string) => {
    await createTopic(topic);
    await registerSchema(topic);
  };

  const publish = async (name: string, topic: string) => {
    const producer = kafka.producer();
    await producer.connect();
    try {
      await publishDescriptor(
        producer,
        registryTopic,
        makeDataProduct(name, topic),
      );
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  };

  /** A consumer group commits an offset on the topic, as a running consumer would. */
  const commit = (group: string, topic: string) =>
    withAdmin(admin =>
      admin.setOffsets({
        groupId: group,
        topic,
        partitions: [{ partition: 0, offset: '0' }],
      }),
    );

  const candidatesRoute = () =>
    new Answers(() =>
      catalog!.get<CandidateStreamsResponse>('/data-mesh/candidate-streams'),
    );

  /**
   * The route answers 200 and, of this test's topics, lists exactly
   * `expected` (one try; wrap in eventually).
   */
  const expectCandidates = async (
    answers: Answers,
    run: string,
    expected: string[],
  ) => {
    const res = await answers.next();
    expect(res.status).toBe(200);
    const ours = (res.body as CandidateStreamsResponse).items.filter(
      (c: CandidateStream) => c.topic.includes(run),
    );
    expect(ours).toEqual(
      [...expected].sort().map(topic => ({
        cluster: 'local',
        topic,
        subject: `${topic}-value`,
        format: 'avro',
      })),
    );
  };

  /**
   * Starts a catalog on the isolated stack; resolves with its candidate
   * streams route once that lists exactly `expected` of the test's topics.
   */
  const startCandidatesCatalog = async (run: string, expected: string[]) => {
    catalog = await startTestCatalog({
      cluster: isolated.clusterConfig('portal'),
      registryUrl: isolated.registryUrl,
      registryTopic,
    });
    const route = candidatesRoute();
    await eventually(() => expectCandidates(route, run, expected));
    return route;
  };

  /**
   * Stops `part` and waits until the route answers a proper 503 naming it
   * (`away`, never `notAway`); resolves with when the part stopped.
   */
  const stopUntil503 = async (
    part: PartName,
    route: Answers,
    away: RegExp,
    notAway: RegExp,
  ): Promise<number> => {
    await isolated.stopPart(part);
    const stoppedAt = Date.now();
    await eventually(
      async () => expectProperUnavailable(await route.next(), away, notAway),
      { deadlineMs: OUTAGE_NOTICED_DEADLINE_MS, intervalMs: 1000 },
    );
    process.stderr.write(
      `[faults] ${
        part === 'kafka' ? 'Kafka' : part
      }: candidate streams 503 ${secondsSince(stoppedAt)} s after it stopped\n`,
    );
    return stoppedAt;
  };

  const restoreStack = async () => {
    await isolated.startPart('kafka');
    await isolated.startPart('registry');
  };

  beforeAll(async () => {
    isolated = await startIsolated();
    // The test's fixtures as the isolated stack's admin; the module runs as its portal.
    kafka = fixtureKafka(isolated.clusterConfig('admin'));
    registry = createSchemaRegistry({ url: isolated.registryUrl });
    // Publishers create the registry topic; the catalog module never does.
    await withAdmin(admin => ensureRegistryTopic(admin, registryTopic));
  }, 300_000);

  afterEach(async () => {
    await catalog?.stop();
    catalog = undefined;
  });

  afterAll(async () => {
    await isolated?.down();
  });

  it('answers candidate streams 503 with Retry-After while Kafka is down for a minute, and correctly within 30 s of its return, new streams included', async () => {
    const { run, topic } = names('kafka');
    const before = topic('before');
    const published = topic('published');
    const schemaless = topic('schemaless');
    const after = topic('after');
    await createStream(before);
    await createStream(published);
    await createTopic(schemaless);
    await publish(`published-${run}`, published);
    // The published topic is a product, not a candidate, once ingested.
    const route = await startCandidatesCatalog(run, [before]);

    try {
      const stoppedAt = await stopUntil503(
        'kafka',
        route,
        /kafka/i,
        /schema registry/i,
      );
      // A minute down, asked all along: each answer a proper 503, never a
      // 500 or a stale list.
      while (Date.now() - stoppedAt < KAFKA_OUTAGE_MS) {
        expectProperUnavailable(
          await route.next(),
          /kafka/i,
          /schema registry/i,
        );
        await pause(POLL_MS);
      }

      // The same catalog, never restarted, must heal by itself.
      await isolated.startPart('kafka');
      const returnedAt = Date.now();
      // A stream that did not exist before: a cached list would miss it.
      // The registry's writes wait for Kafka too, so this is retried.
      await eventually(() => createStream(after), {
        deadlineMs: RECOVERY_DEADLINE_MS,
        intervalMs: 1000,
      });
      const createdAt = secondsSince(returnedAt);
      await eventually(() => expectCandidates(route, run, [before, after]), {
        deadlineMs: RECOVERY_DEADLINE_MS,
      });
      const recovered = secondsSince(returnedAt);
      process.stderr.write(
        `[faults] Kafka: candidate streams correct again ${recovered} s after its return (new stream created at ${createdAt} s)\n`,
      );
      expect(recovered * 1000).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
      expect(route.serverErrorsBut503()).toEqual([]);
    } finally {
      await restoreStack();
    }
  });

  it('keeps consumer-group lineage while Kafka is down for a minute, and links a new group within 30 s of its return', async () => {
    const { run, topic } = names('lineage');
    const productTopic = topic('product');
    const product = `consumed-${run}`;
    const productRef = `dataproduct:default/${product}`;
    const oldGroup = `faults-old-${run}`;
    const newGroup = `faults-new-${run}`;
    const component = (name: string, group: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { [ANNOTATION_CONSUMER_GROUPS]: `local/${group}` },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'faults' },
    });
    const oldRef = `component:default/old-reader-${run}`;
    const newRef = `component:default/new-reader-${run}`;
    await createTopic(productTopic);
    await publish(product, productTopic);
    await commit(oldGroup, productTopic);
    catalog = await startTestCatalog({
      cluster: isolated.clusterConfig('portal'),
      registryUrl: isolated.registryUrl,
      registryTopic,
      entities: [
        component(`old-reader-${run}`, oldGroup),
        component(`new-reader-${run}`, newGroup),
      ],
    });
    const dependsOn = async (ref: string) =>
      relationsOf(await catalog!.entity(ref), 'dependsOn');
    /** The lineage known before the outage, which must hold throughout. */
    const expectOldLineage = async () => {
      expect(await dependsOn(oldRef)).toEqual([productRef]);
      expect(
        relationsOf(await catalog!.entity(productRef), 'dependencyOf'),
      ).toContain(oldRef);
    };
    await eventually(expectOldLineage);
    expect(await dependsOn(newRef)).toEqual([]);

    await isolated.stopPart('kafka');
    const stoppedAt = Date.now();
    // From the stop until the end, while the test waits for other things
    // too: the lineage known before the outage holds all along.
    const watch = new Watch(expectOldLineage, stoppedAt);
    try {
      // The module has noticed (its product reader reports it) …
      await eventually(
        async () => {
          const { body } = await catalog!.get<{ clusters: any[] }>(
            '/data-mesh/status',
          );
          expect(body.clusters[0].staleSince).toBeDefined();
        },
        { deadlineMs: OUTAGE_NOTICED_DEADLINE_MS, intervalMs: 1000 },
      );
      // … and both components are processed again during the outage, as
      // the catalog's own refresh would: with what the index still knows.
      for (const entityRef of [oldRef, newRef]) {
        const { status } = await catalog.request('POST', '/refresh', {
          entityRef,
        });
        expect(status).toBe(200);
      }
      // A minute down, its consumer-group refresh failing every 2 s.
      while (Date.now() - stoppedAt < KAFKA_OUTAGE_MS) {
        expect(watch.failures).toEqual([]);
        await pause(POLL_MS);
      }

      await isolated.startPart('kafka');
      const returnedAt = Date.now();
      await eventually(() => commit(newGroup, productTopic), {
        deadlineMs: RECOVERY_DEADLINE_MS,
        intervalMs: 1000,
      });
      const committedAt = secondsSince(returnedAt);
      // Nothing restarted: the scheduled refresh finds the new group.
      await eventually(
        async () => expect(await dependsOn(newRef)).toEqual([productRef]),
        { deadlineMs: RECOVERY_DEADLINE_MS },
      );
      const recovered = secondsSince(returnedAt);
      process.stderr.write(
        `[faults] Kafka: lineage of a group new after the return shown ${recovered} s after its return (group committed at ${committedAt} s)\n`,
      );
      expect(recovered * 1000).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
      expect(
        relationsOf(await catalog.entity(productRef), 'dependencyOf'),
      ).toEqual([newRef, oldRef].sort());
      // One more look once the refresh has read the new groups, then the
      // verdict of every look since the stop (about one a second).
      await expectOldLineage();
      const { failures, checks } = await watch.stop();
      expect(failures).toEqual([]);
      expect(checks).toBeGreaterThan(KAFKA_OUTAGE_MS / 1000 / 2);
    } finally {
      await watch.stop();
      await restoreStack();
    }
  });

  it('answers candidate streams 503 with Retry-After while the registry is down, and correctly within 30 s of its return', async () => {
    const { run, topic } = names('registry');
    const before = topic('before');
    const during = topic('during');
    await createStream(before);
    const route = await startCandidatesCatalog(run, [before]);

    try {
      const stoppedAt = await stopUntil503(
        'registry',
        route,
        /schema registry/i,
        /kafka/i,
      );
      // A topic created during the outage; its schema can only come later.
      await createTopic(during);
      while (Date.now() - stoppedAt < REGISTRY_OUTAGE_MS) {
        expectProperUnavailable(
          await route.next(),
          /schema registry/i,
          /kafka/i,
        );
        await pause(POLL_MS);
      }

      await isolated.startPart('registry');
      const returnedAt = Date.now();
      // A schema registered after the return: a cached subject list would
      // not make the new topic a candidate.
      await eventually(() => registerSchema(during), {
        deadlineMs: RECOVERY_DEADLINE_MS,
        intervalMs: 1000,
      });
      await eventually(() => expectCandidates(route, run, [before, during]), {
        deadlineMs: RECOVERY_DEADLINE_MS,
      });
      const recovered = secondsSince(returnedAt);
      process.stderr.write(
        `[faults] registry: candidate streams correct again ${recovered} s after its return\n`,
      );
      expect(recovered * 1000).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
      expect(route.serverErrorsBut503()).toEqual([]);
    } finally {
      await restoreStack();
    }
  });
});
