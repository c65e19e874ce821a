import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
// The real catalog backend with the data mesh module, as its own tests start
// it; a test helper, which the module does not export.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startTestCatalog } from '../../../plugins/catalog-backend-module-data-mesh/src/__testUtils__/catalogBackend';
import { cleanupTestMesh, testMeshOptions } from './__testUtils__/testMesh';
import { DEMO_CATALOG_FILES } from './mesh/demoProducts';
import { PRODUCTS } from './mesh/productNames';
import { seedDemoMesh } from './seed';

jest.setTimeout(180_000);

describe('the seeded demo in the real catalog', () => {
  const options = testMeshOptions();
  let catalog: Awaited<ReturnType<typeof startTestCatalog>>;

  beforeAll(async () => {
    await seedDemoMesh(options);
    // The shared stack, read as the portal (the helper's default cluster).
    catalog = await startTestCatalog({
      registryUrl: options.registryUrl,
      registryTopic: options.registryTopic!,
      // The test catalog allows neither Users nor Resources, and one
      // disallowed entity fails its whole file; the portal's config allows
      // them.
      entities: DEMO_CATALOG_FILES.flatMap(file =>
        parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
      ).filter(entity => !['User', 'Resource'].includes(entity.kind)),
    });
  });

  afterAll(async () => {
    await catalog?.stop();
    await cleanupTestMesh(options);
  });

  it('shows every product, across the domains of the organisation', async () => {
    const products = await eventually(async () => {
      const { body } = await catalog.get<DataProductEntity[]>(
        '/entities?filter=kind=dataproduct',
      );
      expect(body.length).toBeGreaterThanOrEqual(12);
      return body;
    });
    expect(products.map(p => p.metadata.name).sort()).toEqual(
      Object.values(PRODUCTS).sort(),
    );
    const domains = new Set(products.map(p => p.spec.domain));
    expect(domains.size).toBeGreaterThanOrEqual(5);
    // The organisation comes from a catalog file, processed on its own time.
    await eventually(async () => {
      for (const domain of domains) {
        expect(await catalog.entity(`domain:default/${domain}`)).toMatchObject({
          kind: 'Domain',
        });
      }
    });
  });

  it('relates products to their owners, domains and inputs, and warns about the weakest link', async () => {
    const review = await eventually(async () => {
      const entity = (await catalog.entity(
        `dataproduct:default/${PRODUCTS.highValueOrders}`,
      )) as DataProductEntity | undefined;
      expect(entity?.spec.observed?.slaWarnings?.length).toBeGreaterThan(0);
      return entity!;
    });
    const targets = (review.relations ?? []).map(
      r => `${r.type} ${r.targetRef}`,
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        'ownedBy group:default/payments-team',
        'partOf domain:default/payments',
        'partOf system:default/payment-gateway',
        `dependsOn dataproduct:default/${PRODUCTS.ordersPlaced}`,
        `dependsOn dataproduct:default/${PRODUCTS.customerProfiles}`,
      ]),
    );
    expect(review.spec.observed?.effectiveSla).toMatchObject({
      tier: 'tier-2',
      supportHours: 'business-hours',
    });
    expect(review.spec.observed?.topic.status).toBe('ok');
  });
});
