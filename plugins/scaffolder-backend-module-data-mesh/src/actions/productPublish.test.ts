import type { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  registerSchema,
  cleanUp,
  createTopic,
  exampleInput,
  newProduct,
  ownerGroup,
  registryRecords,
  runAction,
  testClients,
  testWriter,
  TestPolicy,
} from '../__testUtils__/testEnvironment';
import { createProductPublishAction } from './productPublish';
import { examples } from './productPublish.examples';

describe('dataMesh:product:publish', () => {
  const clients = testClients();
  const topics: string[] = [clients.mesh.registryTopic];
  const subjects: string[] = [];

  /** A product whose topic and schema exist, as after the template's first steps. */
  async function readyProduct() {
    const product = newProduct();
    topics.push(product.topic);
    subjects.push(product.subject);
    await createTopic(clients, product.topic);
    await registerSchema(clients, product.subject, ['orderId']);
    return product;
  }

  /** Example `index` for the product. */
  function exampleFor(index: number, descriptor: DataProductEntity) {
    return { ...exampleInput(examples, index), descriptor };
  }

  /** A catalog that shows the product only from the second look on, as ingestion would. */
  function catalogShowingLater(descriptor: DataProductEntity) {
    const real = catalogServiceMock({ entities: [ownerGroup] });
    return catalogServiceMock.mock({
      getEntitiesByRefs: (request, options) =>
        real.getEntitiesByRefs(request, options),
      getEntityByRef: jest
        .fn()
        .mockResolvedValueOnce(undefined)
        .mockResolvedValue(descriptor),
    });
  }

  /** The catalog before the publish: only the owner. */
  const ownerCatalog = () => catalogServiceMock({ entities: [ownerGroup] });

  async function expectNotPublished(name: string) {
    expect((await registryRecords(clients)).has(`default/${name}`)).toBe(false);
  }

  afterAll(() => cleanUp(clients, { topics, subjects }));

  it('publishes the descriptor and waits until the catalog shows it (example 1)', async () => {
    const product = await readyProduct();
    const catalog = catalogShowingLater(product.descriptor);
    const action = createProductPublishAction({
      writer: testWriter({ clients, catalog: ownerCatalog() }),
      catalog,
      catalogWaitMs: 30_000,
    });
    const input = exampleFor(0, product.descriptor);

    expect(await runAction(action, input)).toEqual({
      entityRef: product.ref,
      entityPath: `/catalog/default/dataproduct/${product.name}`,
    });
    const records = await registryRecords(clients);
    expect(records.get(`default/${product.name}`)).toEqual(product.descriptor);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(catalog.getEntityByRef).toHaveBeenLastCalledWith(product.ref, {
      credentials: expect.anything(),
    });
  });

  it('publishes without waiting for the catalog (example 2)', async () => {
    const product = await readyProduct();
    const catalog = catalogShowingLater(product.descriptor);
    const action = createProductPublishAction({
      writer: testWriter({ clients, catalog: ownerCatalog() }),
      catalog,
      catalogWaitMs: 30_000,
    });
    await runAction(action, exampleFor(1, product.descriptor));
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    expect(
      (await registryRecords(clients)).has(`default/${product.name}`),
    ).toBe(true);
  });

  it('still succeeds when the catalog does not show the product in time', async () => {
    const product = await readyProduct();
    const action = createProductPublishAction({
      writer: testWriter({ clients, catalog: ownerCatalog() }),
      catalog: ownerCatalog(),
      catalogWaitMs: 0,
    });
    expect(
      await runAction(action, exampleFor(0, product.descriptor)),
    ).toMatchObject({ entityRef: product.ref });
    expect(
      (await registryRecords(clients)).has(`default/${product.name}`),
    ).toBe(true);
  });

  describe('refuses and publishes nothing', () => {
    const action = createProductPublishAction({
      writer: testWriter({ clients, catalog: ownerCatalog() }),
      catalog: ownerCatalog(),
      catalogWaitMs: 0,
    });

    it('when the barrier fails, with every problem in one message', async () => {
      const product = await readyProduct();
      product.descriptor.spec.owner = 'group:default/nobody';
      product.descriptor.metadata.description = '';
      const attempt = runAction(action, exampleFor(0, product.descriptor));
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(
        `The data product ${product.ref} cannot be published:\n  - metadata.description: is required to publish; say what the stream holds and when a record is written\n  - spec.owner: group:default/nobody does not exist in the catalog`,
      );
      await expectNotPublished(product.name);
    });

    it('when the descriptor lacks on-call', async () => {
      const product = await readyProduct();
      delete (product.descriptor.spec.sla as { onCall?: string }).onCall;
      await expect(
        runAction(action, exampleFor(0, product.descriptor)),
      ).rejects.toThrow('spec.sla.onCall: is required');
      await expectNotPublished(product.name);
    });

    it('when no schema is registered for the topic', async () => {
      const product = newProduct();
      topics.push(product.topic);
      await createTopic(clients, product.topic);
      await expect(
        runAction(action, exampleFor(0, product.descriptor)),
      ).rejects.toThrow(
        `no schema is registered under the subject '${product.subject}'`,
      );
      await expectNotPublished(product.name);
    });

    it('when the topic does not exist', async () => {
      const product = newProduct();
      subjects.push(product.subject);
      await registerSchema(clients, product.subject, ['orderId']);
      await expect(
        runAction(action, exampleFor(0, product.descriptor)),
      ).rejects.toThrow(
        `The data product ${product.ref} cannot be published: its topic '${product.topic}' does not exist on the cluster 'local'; create it first (kafka:topic:create)`,
      );
      await expectNotPublished(product.name);
    });

    it('in a dry run, after every check', async () => {
      const product = await readyProduct();
      expect(
        await runAction(action, exampleFor(0, product.descriptor), {
          isDryRun: true,
        }),
      ).toMatchObject({ entityRef: product.ref });
      await expectNotPublished(product.name);
    });
  });

  describe('ownership', () => {
    const location = `kafka-topic:local/${clients.mesh.registryTopic}`;
    const owners: TestPolicy = { claims: ['group:default/checkout-team'] };
    const guest: TestPolicy = {
      claims: ['user:default/mock', 'group:default/guests'],
    };
    const guests: Entity = {
      ...ownerGroup,
      metadata: { name: 'guests', namespace: 'default' },
    };

    /** The product as the catalog holds it once published. */
    function published(product: ReturnType<typeof newProduct>) {
      return {
        ...product.descriptor,
        metadata: {
          ...product.descriptor.metadata,
          namespace: 'default',
          annotations: { 'backstage.io/managed-by-location': location },
        },
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
        ],
      };
    }

    function publisher(policy: TestPolicy, entities: Entity[] = []) {
      const catalog = catalogServiceMock({
        entities: [ownerGroup, guests, ...entities],
      });
      return createProductPublishAction({
        writer: testWriter({ clients, catalog, policy }),
        catalog,
        catalogWaitMs: 0,
      });
    }

    it("publishes a new product for a member of the descriptor's owner", async () => {
      const product = await readyProduct();
      await runAction(publisher(owners), exampleFor(1, product.descriptor));
      expect(
        (await registryRecords(clients)).get(`default/${product.name}`),
      ).toEqual(product.descriptor);
    });

    it('refuses a new product whose owner the caller is not part of', async () => {
      const product = await readyProduct();
      const attempt = runAction(
        publisher(guest),
        exampleFor(1, product.descriptor),
      );
      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow(
        `You may not publish ${product.ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.publish)`,
      );
      await expectNotPublished(product.name);
    });

    it('lets only the current owner change the owner', async () => {
      const product = await readyProduct();
      const takeover = {
        ...product.descriptor,
        spec: { ...product.descriptor.spec, owner: 'group:default/guests' },
      };
      const attempt = runAction(
        publisher(guest, [published(product)]),
        exampleFor(1, takeover),
      );
      await expect(attempt).rejects.toThrow(
        `You may not publish a new version of ${product.ref}: only its owner (group:default/checkout-team)`,
      );
      await expectNotPublished(product.name);

      await runAction(
        publisher(owners, [published(product)]),
        exampleFor(1, takeover),
      );
      expect(
        (await registryRecords(clients)).get(`default/${product.name}`),
      ).toEqual(takeover);
    });

    it('refuses a second product on a topic another product publishes, naming it', async () => {
      const first = await readyProduct();
      const second = newProduct();
      const copy = {
        ...second.descriptor,
        spec: {
          ...second.descriptor.spec,
          output: { ...first.descriptor.spec.output },
        },
      };
      const attempt = runAction(
        publisher(owners, [published(first)]),
        exampleFor(1, copy),
      );
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `The topic '${first.topic}' on the cluster 'local' is already published as ${first.ref}; a topic belongs to one data product`,
      );
      await expectNotPublished(second.name);
    });

    it('lets a data mesh admin publish for any owner', async () => {
      const product = await readyProduct();
      await runAction(
        publisher({ claims: [], admin: true }),
        exampleFor(1, product.descriptor),
      );
      expect(
        (await registryRecords(clients)).has(`default/${product.name}`),
      ).toBe(true);
    });
  });
});
