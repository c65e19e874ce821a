import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { findProduct } from './findProduct';

const published = makeDataProduct('customer-profiles', 'customers.profiles.v1');
published.metadata.namespace = 'default';
published.metadata.annotations = {
  'backstage.io/managed-by-location': 'kafka-topic:local/_data-products',
};
// Hand-written in a catalog file, naming the published product's topic.
const claimer = makeDataProduct('profiles-copy', 'customers.profiles.v1', {
  owner: 'group:default/guests',
});
claimer.metadata.namespace = 'default';
claimer.metadata.annotations = {
  'backstage.io/managed-by-location': 'file:/tmp/catalog-info.yaml',
};
const ownTopic = makeDataProduct('own-stream', 'customers.other.v1');
ownTopic.metadata.namespace = 'default';

describe('findProduct', () => {
  const catalog = catalogServiceMock({
    entities: [published, claimer, ownTopic],
  });
  const credentials = mockCredentials.user();

  it('finds a published product and a hand-written one with a topic of its own', async () => {
    for (const name of ['customer-profiles', 'own-stream']) {
      const { entity, ref } = await findProduct(
        catalog,
        credentials,
        'default',
        name,
      );
      expect(entity.metadata.name).toBe(name);
      expect(ref).toBe(`dataproduct:default/${name}`);
    }
  });

  it('serves no live data for a hand-written product claiming a published topic', async () => {
    const attempt = findProduct(
      catalog,
      credentials,
      'default',
      'profiles-copy',
    );
    await expect(attempt).rejects.toThrow(NotFoundError);
    await expect(attempt).rejects.toThrow(
      "dataproduct:default/profiles-copy names the topic 'customers.profiles.v1', which dataproduct:default/customer-profiles publishes; live data is served for that product only",
    );
  });

  it('answers 404 for a product the catalog does not have', async () => {
    await expect(
      findProduct(catalog, credentials, 'default', 'ghost'),
    ).rejects.toThrow(
      'No data product dataproduct:default/ghost in the catalog',
    );
  });
});
