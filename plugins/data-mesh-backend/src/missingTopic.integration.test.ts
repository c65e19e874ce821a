import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { createTopics } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startDataMeshBackend,
  TestDataMeshBackend,
  sharedStack,
} from './__testUtils__/testBackend';

const { registryUrl } = sharedStack;

const run = randomUUID().slice(0, 8);
const healthy = `healthy-${run}`;
const broken = `broken-${run}`;
const healthyTopic = `it.${healthy}.v1`;
const brokenTopic = `it.${broken}.v1`;

// One product's missing topic must not break the live side of the others:
// the backend shares one admin per cluster, which once kept the missing
// topic among those whose metadata it refreshes, failing every call.
jest.setTimeout(120_000);

describe('a product whose topic does not exist, next to healthy ones', () => {
  let admin: Admin;
  let backend: TestDataMeshBackend;

  beforeAll(async () => {
    admin = fixtureKafka().admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [{ topic: healthyTopic, numPartitions: 1, replicationFactor: 1 }],
    });
    backend = await startDataMeshBackend({
      registryUrl,
      entities: [
        makeDataProduct(healthy, healthyTopic),
        makeDataProduct(broken, brokenTopic),
      ],
    });
    // Ready once the catalog has both products and Kafka answers for them.
    await eventually(async () => {
      const [ok, missing] = await Promise.all([
        backend.get(`/products/default/${healthy}/health`),
        backend.get(`/products/default/${broken}/health`),
      ]);
      if (ok.status !== 200 || missing.status !== 404) {
        throw new Error(`not ready: ${ok.status} / ${missing.status}`);
      }
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    await admin
      ?.deleteTopics({ topics: [healthyTopic, brokenTopic] })
      .catch(() => undefined);
    await admin?.disconnect();
  });

  it('answers 404 for it alone, for as long as the others are asked', async () => {
    // Past kafkajs's metadata refreshes, asking for both all along.
    const until = Date.now() + 25_000;
    const answers: string[] = [];
    while (Date.now() < until) {
      for (const route of ['health', 'consumers', 'samples']) {
        const res = await backend.get(`/products/default/${healthy}/${route}`);
        if (res.status !== 200)
          answers.push(`${route}: ${res.status} ${res.text}`);
      }
      const missing = await backend.get(`/products/default/${broken}/health`);
      if (missing.status !== 404) {
        answers.push(`broken health: ${missing.status} ${missing.text}`);
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    expect(answers).toEqual([]);
  });

  it('serves it once its topic is created', async () => {
    await createTopics(admin, {
      topics: [{ topic: brokenTopic, numPartitions: 1, replicationFactor: 1 }],
    });
    await eventually(async () => {
      const res = await backend.get(`/products/default/${broken}/health`);
      expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    });
    expect(
      (await backend.get(`/products/default/${healthy}/health`)).status,
    ).toBe(200);
  });
});
