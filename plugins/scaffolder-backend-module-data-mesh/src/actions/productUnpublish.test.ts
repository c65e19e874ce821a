import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import type { Consumer } from 'kafkajs';
import {
  cleanUp,
  createTopic,
  exampleInput,
  fixtureKafka,
  newProduct,
  publishFixture,
  registryRecords,
  runAction,
  testClients,
  testWriter,
  TestPolicy,
  topicExists,
  unique,
  withFixtureAdmin,
} from '../__testUtils__/testEnvironment';
import { createProductUnpublishAction } from './productUnpublish';
import { examples } from './productUnpublish.examples';

describe('dataMesh:product:unpublish', () => {
  const clients = testClients();
  // Pretend applications reading the topic: the test's fixtures, as the admin.
  const kafka = fixtureKafka(clients);
  const location = `kafka-topic:local/${clients.mesh.registryTopic}`;
  const topics: string[] = [clients.mesh.registryTopic];
  const consumers: Consumer[] = [];

  /** A published product: descriptor on the registry topic, entity in the catalog. */
  async function publishedProduct() {
    const product = newProduct();
    topics.push(product.topic);
    await createTopic(clients, product.topic);
    await publishFixture(clients, product.descriptor);
    const entity: DataProductEntity = {
      ...product.descriptor,
      metadata: {
        ...product.descriptor.metadata,
        annotations: { 'backstage.io/managed-by-location': location },
      },
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
      ],
    };
    return { ...product, entity };
  }

  /** The owners of the test products, and a data mesh admin. */
  const OWNER: TestPolicy = { claims: ['group:default/checkout-team'] };
  const ADMIN: TestPolicy = { claims: [], admin: true };

  function unpublisher(entity: DataProductEntity, policy: TestPolicy = OWNER) {
    return createProductUnpublishAction({
      writer: testWriter({
        clients,
        catalog: catalogServiceMock({ entities: [entity] }),
        policy,
      }),
    });
  }

  /** A group that read the topic and committed its offset, then stopped. */
  async function committedReader(topic: string): Promise<string> {
    const groupId = `orders-app-${unique()}`;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'an order' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({ eachMessage: async () => resolve() }).catch(reject);
    });
    await consumer.commitOffsets([{ topic, partition: 0, offset: '1' }]);
    await consumer.disconnect();
    return groupId;
  }

  /** A group that is reading the topic right now and has committed nothing. */
  async function activeReader(topic: string): Promise<string> {
    const groupId = `orders-app-${unique()}`;
    const consumer = kafka.consumer({ groupId });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic });
    const joined = new Promise<void>(resolve =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.run({ autoCommit: false, eachMessage: async () => {} });
    await joined;
    return groupId;
  }

  async function deleteGroups(...groupIds: string[]) {
    await withFixtureAdmin(clients, admin =>
      admin.deleteGroups(groupIds),
    ).catch(() => undefined);
  }

  afterAll(async () => {
    await Promise.all(consumers.map(c => c.disconnect()));
    await cleanUp(clients, { topics });
  });

  it('tombstones a product nobody reads and keeps its topic (example 1)', async () => {
    const product = await publishedProduct();
    const action = unpublisher(product.entity);
    expect(
      await runAction(action, {
        ...exampleInput(examples, 0),
        entityRef: product.ref,
      }),
    ).toEqual({ entityRef: product.ref });
    const records = await registryRecords(clients);
    expect(records.has(`default/${product.name}`)).toBe(true);
    expect(records.get(`default/${product.name}`)).toBeNull();
    expect(await topicExists(clients, product.topic)).toBe(true);
  });

  it('refuses a caller who does not own the product, tombstoning nothing', async () => {
    const product = await publishedProduct();
    const action = unpublisher(product.entity, {
      claims: ['user:default/mock', 'group:default/guests'],
    });
    const attempt = runAction(action, { entityRef: product.ref });
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      `You may not unpublish ${product.ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.unpublish)`,
    );
    expect(
      (await registryRecords(clients)).get(`default/${product.name}`),
    ).toEqual(product.descriptor);
  });

  it('refuses while a group has committed offsets on the topic, naming it', async () => {
    const product = await publishedProduct();
    const groupId = await committedReader(product.topic);
    const action = unpublisher(product.entity);
    const attempt = runAction(action, { entityRef: product.ref });
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      `${product.ref} cannot be unpublished: consumer groups still read its topic '${product.topic}': ${groupId} (committed offsets on 1 partition). Ask their owners to move off it (deprecate it first), or have a data mesh admin unpublish it`,
    );
    expect(
      (await registryRecords(clients)).get(`default/${product.name}`),
    ).toEqual(product.descriptor);
    await deleteGroups(groupId);
  });

  it('refuses while a group with active members reads the topic, naming it', async () => {
    const product = await publishedProduct();
    const groupId = await activeReader(product.topic);
    const action = unpublisher(product.entity);
    await expect(runAction(action, { entityRef: product.ref })).rejects.toThrow(
      `${groupId} (1 active member)`,
    );
    expect(
      (await registryRecords(clients)).get(`default/${product.name}`),
    ).toEqual(product.descriptor);
  });

  it('lets a data mesh admin unpublish a product that is still read', async () => {
    const product = await publishedProduct();
    const groupId = await committedReader(product.topic);
    const action = unpublisher(product.entity, ADMIN);
    await runAction(action, { entityRef: product.ref });
    expect(
      (await registryRecords(clients)).get(`default/${product.name}`),
    ).toBeNull();
    expect(await topicExists(clients, product.topic)).toBe(true);
    await deleteGroups(groupId);
  });

  it('refuses a product written in a catalog-info.yaml', async () => {
    const product = await publishedProduct();
    const action = unpublisher(product.descriptor);
    const attempt = runAction(action, { entityRef: product.ref });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      'is not published through a registry topic',
    );
    expect(
      (await registryRecords(clients)).get(`default/${product.name}`),
    ).toEqual(product.descriptor);
  });

  it('refuses a product the catalog does not have', async () => {
    const product = await publishedProduct();
    const action = unpublisher(newProduct().descriptor);
    await expect(runAction(action, { entityRef: product.ref })).rejects.toThrow(
      `There is no data product ${product.ref} in the catalog`,
    );
  });

  it('checks everything but tombstones nothing in a dry run', async () => {
    const product = await publishedProduct();
    const action = unpublisher(product.entity);
    await runAction(action, { entityRef: product.ref }, { isDryRun: true });
    expect(
      (await registryRecords(clients)).get(`default/${product.name}`),
    ).toEqual(product.descriptor);
  });
});
