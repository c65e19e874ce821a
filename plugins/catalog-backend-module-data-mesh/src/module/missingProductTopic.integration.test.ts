import { NotFoundError } from '@backstage/errors';
import {
  DataProductEntity,
  TopicFacts,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createTopics,
  ensureRegistryTopic,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
} from '../__testUtils__/catalogBackend';

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-it-missing-topic-${run}`;
const healthy = `healthy-${run}`;
const broken = `broken-${run}`;
const healthyTopic = `it.${healthy}.v1`;
const brokenTopic = `it.${broken}.v1`;

// The module shares one admin per cluster with the backend plugin and the
// scaffolder actions. kafkajs keeps every topic an admin has read among
// those whose metadata it refreshes: once one of them is deleted, later
// calls on that admin fail (describeConfigs, fetchTopicOffsets, listGroups),
// and the catalog would show every product's topic as unknown. (A topic
// that never existed is dropped from that list when the broker says so.)
jest.setTimeout(180_000);

describe('a published product whose topic does not exist, next to a healthy one', () => {
  // The test's own fixtures run as the broker's admin; the module as the portal.
  const kafka = fixtureKafka();
  let admin: Admin;
  let producer: Producer;
  let catalog: TestCatalog;

  const topicFacts = async (name: string): Promise<TopicFacts | undefined> => {
    const entity = (await catalog.entity(`dataproduct:default/${name}`)) as
      | DataProductEntity
      | undefined;
    return entity?.spec.observed?.topic;
  };

  /**
   * Refreshes until `check` passes: a refresh already under way may have
   * read the topics before the change.
   */
  const refreshUntil = (check: () => Promise<void>) =>
    eventually(
      async () => {
        await catalog.triggerRefresh().catch(() => undefined);
        await check();
      },
      { intervalMs: 1000 },
    );

  /** As the backend plugin's live routes ask, on the same shared admin. */
  const askSharedAdminAboutBrokenTopic = () =>
    catalog.kafka
      .cluster('local')
      .admin('fetching offsets', a => a.fetchTopicOffsets(brokenTopic), {
        topic: brokenTopic,
      });

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [{ topic: healthyTopic, numPartitions: 1, replicationFactor: 1 }],
    });
    // Publishers create the registry topic; the catalog module never does.
    await ensureRegistryTopic(admin, registryTopic);
    producer = kafka.producer();
    await producer.connect();
    for (const [name, topic] of [
      [healthy, healthyTopic],
      [broken, brokenTopic],
    ]) {
      await publishDescriptor(
        producer,
        registryTopic,
        makeDataProduct(name, topic),
      );
    }
    catalog = await startTestCatalog({ registryUrl, registryTopic });
  }, 180_000);

  afterAll(async () => {
    await catalog?.stop();
    await producer?.disconnect();
    await admin
      ?.deleteTopics({ topics: [healthyTopic, brokenTopic, registryTopic] })
      .catch(() => undefined);
    await admin?.disconnect();
  });

  it('shows the facts of the topic that exists and the other as missing', async () => {
    await eventually(async () => {
      expect(await topicFacts(healthy)).toMatchObject({
        status: 'ok',
        partitions: 1,
      });
      expect(await topicFacts(broken)).toEqual({ status: 'missing' });
    });
  });

  it('reads the healthy topic afresh on every refresh, however often the missing one is asked about', async () => {
    // A new partition count each round: facts read now, not kept from before.
    for (const partitions of [2, 3, 4]) {
      await expect(askSharedAdminAboutBrokenTopic()).rejects.toThrow(
        NotFoundError,
      );
      await admin.createPartitions({
        topicPartitions: [{ topic: healthyTopic, count: partitions }],
      });
      await refreshUntil(async () =>
        expect(await topicFacts(healthy)).toMatchObject({
          status: 'ok',
          partitions,
        }),
      );
      expect(await topicFacts(broken)).toEqual({ status: 'missing' });
    }
  });

  it('shows the facts of the missing topic once it is created', async () => {
    await createTopics(admin, {
      topics: [{ topic: brokenTopic, numPartitions: 2, replicationFactor: 1 }],
    });
    await refreshUntil(async () =>
      expect(await topicFacts(broken)).toMatchObject({
        status: 'ok',
        partitions: 2,
      }),
    );
    expect(await topicFacts(healthy)).toMatchObject({
      status: 'ok',
      partitions: 4,
    });
    await expect(askSharedAdminAboutBrokenTopic()).resolves.toHaveLength(2);
  });

  it('keeps reading the healthy topic once the other is deleted after the shared admin read it', async () => {
    // The shared admin has just read the topic's offsets: deleting it now
    // is the case in which kafkajs alone fails every later call.
    await admin.deleteTopics({ topics: [brokenTopic] });
    await admin.createPartitions({
      topicPartitions: [{ topic: healthyTopic, count: 5 }],
    });
    await refreshUntil(async () => {
      expect(await topicFacts(broken)).toEqual({ status: 'missing' });
      expect(await topicFacts(healthy)).toMatchObject({
        status: 'ok',
        partitions: 5,
      });
    });
    await expect(askSharedAdminAboutBrokenTopic()).rejects.toThrow(
      NotFoundError,
    );
  });
});
