import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  cleanUp,
  exampleInput,
  newProduct,
  registryRecords,
  runAction,
  testClients,
  testWriter,
  TestPolicy,
} from '../__testUtils__/testEnvironment';
import { createProductDeprecateAction } from './productDeprecate';
import { examples } from './productDeprecate.examples';

const TODAY = new Date('2026-01-15T12:00:00Z');

describe('dataMesh:product:deprecate', () => {
  const clients = testClients();
  const location = `kafka-topic:local/${clients.mesh.registryTopic}`;

  /** The product as the catalog holds it after the provider and processors ran. */
  function inCatalog(
    product: ReturnType<typeof newProduct>,
    relations: Entity['relations'] = [],
  ): DataProductEntity {
    const { descriptor } = product;
    return {
      ...descriptor,
      metadata: {
        ...descriptor.metadata,
        namespace: 'default',
        uid: 'a-uid',
        etag: 'an-etag',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'kafka-mesh.io/kafka-cluster': 'local',
          'kafka-mesh.io/kafka-topic': product.topic,
        },
      },
      spec: {
        ...descriptor.spec,
        observed: {
          topic: { status: 'missing' },
          schema: { status: 'missing', subject: product.subject },
          effectiveSla: descriptor.spec.sla,
          limitedBy: {},
          slaWarnings: [],
          missingInputs: [],
        },
      },
      relations,
    };
  }

  const consumerApp: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders-consumer', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'fulfilment-team',
    },
  };
  const downstream = newProduct({ owner: 'group:default/analytics-team' });
  const replacement = newProduct();
  const consumed = newProduct();
  const unconsumed = newProduct();
  const relationsOfConsumed = [
    { type: 'dependencyOf', targetRef: 'component:default/orders-consumer' },
    { type: 'dependencyOf', targetRef: downstream.ref },
    // Neither a consumer nor a dependency: never notified.
    { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    { type: 'dependencyOf', targetRef: 'resource:default/orders-db' },
  ];
  const catalog = catalogServiceMock({
    entities: [
      consumerApp,
      downstream.descriptor,
      inCatalog(replacement),
      inCatalog(consumed, relationsOfConsumed),
      inCatalog(unconsumed),
    ],
  });
  const notifications = { send: jest.fn() };
  const action = createProductDeprecateAction({
    writer: testWriter({ clients, catalog, notifications, now: () => TODAY }),
  });

  beforeEach(() => notifications.send.mockReset());
  afterAll(() => cleanUp(clients, { topics: [clients.mesh.registryTopic] }));

  it('republishes the descriptor deprecated and notifies the owners of its consumers (example 1)', async () => {
    const output = await runAction(action, {
      ...exampleInput(examples, 0),
      entityRef: consumed.ref,
      replacement: replacement.ref,
    });
    expect(output).toEqual({
      notified: [
        'group:default/analytics-team',
        'group:default/fulfilment-team',
      ],
    });

    const published = (await registryRecords(clients)).get(
      `default/${consumed.name}`,
    );
    // What the owner wrote, deprecated; nothing the catalog added.
    expect(published).toEqual({
      ...consumed.descriptor,
      metadata: {
        ...consumed.descriptor.metadata,
        annotations: {
          'kafka-mesh.io/kafka-cluster': 'local',
          'kafka-mesh.io/kafka-topic': consumed.topic,
        },
      },
      spec: {
        ...consumed.descriptor.spec,
        status: 'deprecated',
        lifecycle: 'deprecated',
        deprecation: {
          sunset: '2030-06-30',
          reason: 'Moves to the v2 schema with split addresses.',
          replacement: replacement.ref,
        },
      },
    });

    expect(notifications.send).toHaveBeenCalledTimes(1);
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: [
          'group:default/analytics-team',
          'group:default/fulfilment-team',
        ],
      },
      payload: expect.objectContaining({
        title: `${consumed.descriptor.metadata.title} is deprecated`,
        link: `/catalog/default/dataproduct/${consumed.name}`,
        severity: 'high',
        description: expect.stringContaining(
          `will be served until 2030-06-30. Moves to the v2 schema with split addresses. Move to ${replacement.ref}.`,
        ),
      }),
    });
  });

  it('deprecates all the same when the owners cannot be notified, and says so', async () => {
    notifications.send.mockRejectedValue(new Error('notifications are off'));
    const output = await runAction(action, {
      ...exampleInput(examples, 0),
      entityRef: consumed.ref,
      replacement: replacement.ref,
      sunset: '2031-01-31',
    });
    // Nobody was told, so nobody is listed as notified.
    expect(output).toEqual({ notified: [] });
    expect(notifications.send).toHaveBeenCalledTimes(1);
    const published = (await registryRecords(clients)).get(
      `default/${consumed.name}`,
    ) as DataProductEntity;
    expect(published.spec.deprecation?.sunset).toBe('2031-01-31');
  });

  it('deprecates a product nobody reads without notifying anyone (example 2)', async () => {
    const output = await runAction(action, {
      ...exampleInput(examples, 1),
      entityRef: unconsumed.ref,
      sunset: '2026-03-31',
    });
    expect(output).toEqual({ notified: [] });
    expect(notifications.send).not.toHaveBeenCalled();
    const published = (await registryRecords(clients)).get(
      `default/${unconsumed.name}`,
    ) as DataProductEntity;
    expect(published.spec.deprecation).toEqual({
      sunset: '2026-03-31',
      reason: 'The legacy checkout is switched off.',
    });
  });

  describe('refuses, publishing and notifying nothing', () => {
    /** An action over a catalog holding the given product, with consumers. */
    function deprecatorFor(...entities: Entity[]) {
      return deprecatorWith('allow', ...entities);
    }

    function deprecatorWith(policy: TestPolicy, ...entities: Entity[]) {
      return createProductDeprecateAction({
        writer: testWriter({
          clients,
          catalog: catalogServiceMock({
            entities: [consumerApp, inCatalog(replacement), ...entities],
          }),
          policy,
          notifications,
          now: () => TODAY,
        }),
      });
    }

    async function expectRefused(
      product: ReturnType<typeof newProduct>,
      entities: Entity[],
      input: Record<string, string>,
      message: string,
    ) {
      const attempt = runAction(deprecatorFor(...entities), {
        entityRef: product.ref,
        sunset: '2030-01-01',
        reason: 'Replaced.',
        ...input,
      });
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(message);
      expect(
        (await registryRecords(clients)).has(`default/${product.name}`),
      ).toBe(false);
      expect(notifications.send).not.toHaveBeenCalled();
    }

    it.each([
      [
        'a sunset in the past',
        { sunset: '2025-12-31' },
        'sunset 2025-12-31 is in the past; consumers need time to move',
      ],
      [
        'a sunset that is not a date',
        { sunset: '31.12.2030' },
        "sunset '31.12.2030' is not a date (YYYY-MM-DD)",
      ],
      [
        'a sunset that is no calendar day',
        { sunset: '2030-02-30' },
        "sunset '2030-02-30' is not a day of the calendar",
      ],
      [
        'a blank reason',
        { reason: '  ' },
        'reason: say why, for the consumers',
      ],
      [
        'an unknown replacement',
        { replacement: 'ghost' },
        'replacement: There is no data product dataproduct:default/ghost in the catalog',
      ],
    ])('%s', async (_, input, message) => {
      const product = newProduct();
      await expectRefused(
        product,
        [inCatalog(product, relationsOfConsumed)],
        input,
        message,
      );
    });

    it('a product replacing itself', async () => {
      const product = newProduct();
      await expectRefused(
        product,
        [inCatalog(product)],
        { replacement: product.name },
        'replacement: a product cannot replace itself',
      );
    });

    it('a product the catalog does not have', async () => {
      const ghost = newProduct();
      await expectRefused(
        ghost,
        [],
        {},
        `There is no data product ${ghost.ref} in the catalog`,
      );
    });

    it('a product written in a catalog-info.yaml rather than published', async () => {
      const product = newProduct();
      await expectRefused(
        product,
        [product.descriptor],
        {},
        `The data product default/${product.name} is not published through a registry topic but comes from an unknown location; change it there`,
      );
    });

    it('a caller who does not own the product', async () => {
      const product = newProduct();
      const attempt = runAction(
        deprecatorWith(
          { claims: ['user:default/mock', 'group:default/guests'] },
          inCatalog(product, [...relationsOfConsumed]),
        ),
        { entityRef: product.ref, sunset: '2030-01-01', reason: 'Mine now.' },
      );
      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow(
        `You may not deprecate ${product.ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.deprecate)`,
      );
      expect(
        (await registryRecords(clients)).has(`default/${product.name}`),
      ).toBe(false);
      expect(notifications.send).not.toHaveBeenCalled();
    });

    it('in a dry run, after every check', async () => {
      const product = newProduct();
      expect(
        await runAction(
          deprecatorFor(inCatalog(product, relationsOfConsumed)),
          { entityRef: product.ref, sunset: '2030-01-01', reason: 'Old.' },
          { isDryRun: true },
        ),
      ).toEqual({ notified: [] });
      expect(
        (await registryRecords(clients)).has(`default/${product.name}`),
      ).toBe(false);
      expect(notifications.send).not.toHaveBeenCalled();
    });
  });
});
