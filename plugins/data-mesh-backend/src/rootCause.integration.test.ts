import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import type {
  ProductHealthResponse,
  ProductQualityResponse,
  QualityRule,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createSchemaRegistry,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  sharedStack,
  startDataMeshBackend,
  TestDataMeshBackend,
} from './__testUtils__/testBackend';

// The root cause of a stale derived product, walked live on the real
// broker: on the health route (what the Live tab shows) and in the notice
// the contract monitor sends when the product's freshness rule fails.
jest.setTimeout(180_000);

const run = randomUUID().slice(0, 8);
const HOUR = 3_600_000;
const names = {
  // upstream (stale) → derived (stale): the upstream is the cause.
  upstream: `rc-upstream-${run}`,
  derived: `rc-derived-${run}`,
  // fresh input → lagging (stale, its processor is behind): the processor.
  fresh: `rc-fresh-${run}`,
  lagging: `rc-lagging-${run}`,
  // a product of the stale upstream whose freshness rule starts failing.
  noticed: `rc-noticed-${run}`,
};
const topicOf = (name: string) => `it.${name}.v1`;
const refOf = (name: string) => `dataproduct:default/${name}`;
const laggingGroup = `it.rc-processor-${run}`;
const OWNER = 'group:default/rc-owners';

function product(
  name: string,
  extra: { inputs?: string[]; processorGroups?: string[]; rules?: QualityRule[] } = {},
): Entity {
  const entity = makeDataProduct(name, topicOf(name));
  return {
    ...entity,
    spec: {
      ...entity.spec,
      owner: OWNER,
      sla: { ...entity.spec.sla, freshness: 'PT1H' },
      ...(extra.inputs && { inputs: extra.inputs.map(refOf) }),
      ...(extra.processorGroups && {
        processor: { consumerGroups: extra.processorGroups },
      }),
      ...(extra.rules && { qualityRules: extra.rules }),
    },
  };
}

describe('root cause of a freshness breach, on the real broker', () => {
  const kafka = fixtureKafka();
  const sent: NotificationSendOptions[] = [];
  let backend: TestDataMeshBackend;
  const registry = createSchemaRegistry({ url: sharedStack.registryUrl });

  /** Records encoded through the registry, with the given timestamps. */
  async function produce(name: string, timestamps: number[]) {
    const { id } = await registry.register(
      {
        type: SchemaType.JSON,
        schema: JSON.stringify({
          type: 'object',
          properties: { at: { type: 'number' } },
        }),
      },
      { subject: `${topicOf(name)}-value` },
    );
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic: topicOf(name),
        messages: await Promise.all(
          timestamps.map(async at => ({
            value: await registry.encode(id, { at }),
            timestamp: String(at),
          })),
        ),
      });
    } finally {
      await producer.disconnect();
    }
  }

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopics(admin, {
        topics: Object.values(names).map(name => ({
          topic: topicOf(name),
          numPartitions: 1,
          replicationFactor: 1,
        })),
      });
    } finally {
      await admin.disconnect();
    }
    const now = Date.now();
    await produce(names.upstream, [now - 3 * HOUR]);
    await produce(names.derived, [now - 2 * HOUR]);
    await produce(names.fresh, [now - 5000, now - 4000, now - 3000]);
    await produce(names.lagging, [now - 2 * HOUR]);

    // The lagging processor committed the first of three records.
    const consumerAdmin = kafka.admin();
    await consumerAdmin.connect();
    try {
      await consumerAdmin.setOffsets({
        groupId: laggingGroup,
        topic: topicOf(names.fresh),
        partitions: [{ partition: 0, offset: '1' }],
      });
    } finally {
      await consumerAdmin.disconnect();
    }

    const capture = createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        async send(options: NotificationSendOptions) {
          sent.push(options);
        },
      }),
    });
    backend = await startDataMeshBackend({
      registryUrl: sharedStack.registryUrl,
      entities: [
        product(names.upstream),
        product(names.derived, { inputs: [names.upstream] }),
        product(names.fresh),
        product(names.lagging, {
          inputs: [names.fresh],
          processorGroups: [laggingGroup],
        }),
        product(names.noticed, {
          inputs: [names.upstream],
          // Passes while the test's record is new, fails 8 s later.
          rules: [
            { name: 'fresh', metric: 'freshness', mustBeLessThan: 8 },
          ],
        }),
      ],
      monitor: { frequency: 'PT3S' },
      features: [capture],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: Object.values(names).map(topicOf) })
      .catch(() => undefined);
    await admin.deleteGroups([laggingGroup]).catch(() => undefined);
    await admin.disconnect();
  });

  const health = (name: string) =>
    eventually(async () => {
      const res = await backend.get<ProductHealthResponse>(
        `/products/default/${name}/health`,
      );
      expect(res.status).toBe(200);
      return res.body;
    });

  it('names the stale upstream product behind a stale derived one', async () => {
    const body = await health(names.derived);
    expect(body.freshness.status).toBe('breached');
    expect(body.rootCause).toMatchObject({
      product: refOf(names.upstream),
      reason: 'upstream-breached',
      path: [refOf(names.derived), refOf(names.upstream)],
    });
    expect(body.rootCause!.detail).toMatch(
      /newest record is 3 h( \d+ min)? old/,
    );
    expect(body.rootCause!.detail).toMatch(/SLA promises 1 h/);
  });

  it('names the lagging processor when the inputs are fresh', async () => {
    const body = await health(names.lagging);
    expect(body.freshness.status).toBe('breached');
    expect(body.rootCause).toMatchObject({
      product: refOf(names.lagging),
      reason: 'processor-lagging',
    });
    expect(body.rootCause!.detail).toContain(
      `consumer group ${laggingGroup} is 2 records behind`,
    );
  });

  it('gives no root cause for a product that keeps its promise', async () => {
    const body = await health(names.fresh);
    expect(body.freshness.status).toBe('ok');
    expect(body.rootCause).toBeUndefined();
  });

  it('tells the owner the root cause when a freshness rule starts failing', async () => {
    // Passing → failing is what pages: once the monitor has checked the
    // empty topic, a record the rule passes on, which then grows old.
    await eventually(async () => {
      const res = await backend.get<ProductQualityResponse>(
        `/products/default/${names.noticed}/quality`,
      );
      expect(res.body.conformance.lastRunAt).toBeDefined();
    });
    await produce(names.noticed, [Date.now()]);
    const notice = await eventually(
      async () => {
        const found = sent.find(
          s => s.payload.scope === `data-product-quality:${refOf(names.noticed)}`,
        );
        expect(found).toBeDefined();
        return found!;
      },
      { deadlineMs: 90_000 },
    );
    expect(notice.recipients).toEqual({ type: 'entity', entityRef: OWNER });
    expect(notice.payload.description).toContain(
      `Root cause: ${refOf(names.upstream)} is itself stale`,
    );
  });
});
