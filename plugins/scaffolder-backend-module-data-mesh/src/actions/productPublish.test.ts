import { InputError } from '@backstage/errors';
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

  afterAll(() => cleanUp(clients, { topics, subjects }));

  it('publishes the descriptor and waits until the catalog shows it (example 1)', async () => {
    const product = await readyProduct();
    const catalog = catalogShowingLater(product.descriptor);
    const action = createProductPublishAction({
      clients,
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
      clients,
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
      clients,
      catalog: catalogServiceMock({ entities: [ownerGroup] }),
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
      clients,
      catalog: catalogServiceMock({ entities: [ownerGroup] }),
      catalogWaitMs: 0,
    });

    async function expectNotPublished(name: string) {
      expect((await registryRecords(clients)).has(`default/${name}`)).toBe(
        false,
      );
    }

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
});
