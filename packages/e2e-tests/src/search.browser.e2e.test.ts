import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, testResults } from './repoPaths';
import {
  BrowserPortal,
  startBrowserPortal,
} from './__testUtils__/browserPortal';
import { StackFixtures } from './__testUtils__/stackFixtures';

// Search by schema field in a real Chromium against the built portal: two
// products are published, one whose schema has a distinctive nested field;
// the data mesh search module indexes both with their fields, and a search
// for the field finds that product (with its tier and owner) and not the
// other. The screenshot is the data-mesh README's.
jest.setTimeout(240_000);

const screenshots = path.join(testResults, 'screenshots');
const docs = path.join(repoRoot, 'plugins/data-mesh/docs');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-search-${run}`;

const OWNER = 'amara.okafor'; // checkout-team
const FIELD = 'giftWrapMessage';

const gifts = `gift-orders-${run}`;
const giftsTopic = `commerce.${gifts}.v1`;
const parcels = `parcel-orders-${run}`;
const parcelsTopic = `commerce.${parcels}.v1`;

const giftSchema = {
  type: 'record',
  name: 'GiftOrderPlaced',
  namespace: 'e2e.search',
  fields: [
    { name: 'orderId', type: 'string', doc: 'The order' },
    {
      name: 'gift',
      type: {
        type: 'record',
        name: 'Gift',
        fields: [
          {
            name: FIELD,
            type: ['null', 'string'],
            default: null,
            doc: 'The note printed on the gift wrap',
          },
        ],
      },
    },
  ],
};
const parcelSchema = {
  type: 'record',
  name: 'ParcelOrderPlaced',
  namespace: 'e2e.search',
  fields: [
    { name: 'orderId', type: 'string', doc: 'The order' },
    { name: 'parcelWeightGrams', type: 'int' },
  ],
};

const giftProduct: DataProductEntity = makeDataProduct(gifts, giftsTopic, {
  sla: {
    tier: 'tier-1',
    availability: 99.9,
    freshness: 'PT5M',
    supportHours: '24x7',
    onCall: 'https://oncall.example.com/checkout',
  },
});
giftProduct.metadata.title = `Gift orders ${run}`;
giftProduct.metadata.description =
  'Orders placed as gifts, with what goes on the wrapping.';
const parcelProduct: DataProductEntity = makeDataProduct(parcels, parcelsTopic);
parcelProduct.metadata.title = `Parcel orders ${run}`;

type SearchResults = {
  results: Array<{
    type: string;
    document: { name: string; fields: string[] };
  }>;
};

describe('searching the portal for a schema field', () => {
  const fixtures = new StackFixtures();
  let portal: BrowserPortal;

  /** The product names the search API finds for a term, data products only. */
  const searchApi = async (term: string) => {
    const { status, body } = await portal.api.request<SearchResults>(
      'GET',
      `/api/search/query?term=${encodeURIComponent(
        term,
      )}&types%5B0%5D=data-product`,
    );
    if (status !== 200) throw new Error(`search: HTTP ${status}`);
    return body.results.map(r => r.document);
  };

  beforeAll(async () => {
    fixtures.track({ topics: [registryTopic] });
    await fixtures.createTopics(giftsTopic, parcelsTopic);
    await fixtures.registerAvro(giftsTopic, giftSchema);
    // Governance: a tier-1 product's subject must be transitively compatible.
    await fixtures.setCompatibility(giftsTopic, 'BACKWARD_TRANSITIVE');
    await fixtures.registerAvro(parcelsTopic, parcelSchema);

    portal = await startBrowserPortal(OWNER, {
      dataMesh: { registryTopic },
      // Indexed every few seconds, so that the test needs no ten-minute wait.
      search: {
        collators: {
          dataMesh: {
            schedule: {
              frequency: { seconds: 3 },
              timeout: { seconds: 60 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
    });
    // In the catalog with their schemas, which the index reads.
    await portal.api.publish(giftProduct, { withSchema: true });
    await portal.api.publish(parcelProduct, { withSchema: true });
  }, 420_000);

  afterAll(async () => {
    await portal?.stop();
    await fixtures.cleanUp();
  });

  it('indexes both products with their schema fields', async () => {
    // Both are in the index: the parcel product is left out of the search
    // below because it lacks the field, not because it is not indexed.
    const found = await eventually(
      async () => {
        const [gift] = await searchApi(FIELD);
        const [parcel] = await searchApi('parcelWeightGrams');
        if (!gift || !parcel) throw new Error('not indexed yet');
        return { gift, parcel };
      },
      { deadlineMs: 90_000, intervalMs: 1000 },
    );
    expect(found.gift).toMatchObject({
      name: gifts,
      fields: ['orderId', 'gift', `gift.${FIELD}`],
    });
    expect(found.parcel).toMatchObject({
      name: parcels,
      fields: ['orderId', 'parcelWeightGrams'],
    });
    expect((await searchApi(FIELD)).map(d => d.name)).toEqual([gifts]);
  });

  it('lists the product with the field on the search page, with its tier and owner, and not the other', async () => {
    const { page, backend } = portal;
    await page.goto(
      `${backend.baseUrl}/search?query=${encodeURIComponent(FIELD)}`,
    );
    const item = page.getByTestId('data-product-search-result').filter({
      has: page.getByRole('link', { name: giftProduct.metadata.title! }),
    });
    await item.waitFor();
    await item.getByText('Tier: tier-1', { exact: true }).waitFor();
    await item.getByText('Owner: checkout-team', { exact: true }).waitFor();
    await item.getByText('Domain: commerce', { exact: true }).waitFor();
    expect(await item.getByLabel('5 min (PT5M)').count()).toBe(1);
    expect(
      await item.getByTestId('data-product-matched-fields').textContent(),
    ).toBe(`Matching field: gift.${FIELD}`);
    expect(
      await item
        .getByRole('link', { name: giftProduct.metadata.title! })
        .getAttribute('href'),
    ).toBe(`/catalog/default/dataproduct/${gifts}`);
    // The results are complete once the item is there: one data product.
    expect(await page.getByTestId('data-product-search-result').count()).toBe(
      1,
    );
    expect(await page.getByText(parcelProduct.metadata.title!).count()).toBe(0);

    fs.mkdirSync(screenshots, { recursive: true });
    const file = path.join(screenshots, 'search-by-field.png');
    await page.screenshot({
      path: file,
      fullPage: true,
      animations: 'disabled',
    });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      fs.copyFileSync(file, path.join(docs, 'search-by-field.png'));
    }

    // The result leads to the product's page.
    await item.getByRole('link', { name: giftProduct.metadata.title! }).click();
    await page.waitForURL(`**/catalog/default/dataproduct/${gifts}`);
  });
});
