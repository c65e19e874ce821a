import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createTopics,
  ensureRegistryTopic,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import { launchChromium } from './browser';
import { buildApp } from './buildApp';
import { repoRoot, testResults } from './repoPaths';
import { signedInContext } from './__testUtils__/browserUser';
import {
  pick,
  pickedValues,
  productRows,
  productTitles,
  searchField,
  waitForTitles,
} from './__testUtils__/discoveryPage';

// The discovery page on the catalog's own paging and filtering, in a real
// Chromium against the built portal: 22 products of this run (one page is
// 20), filtered with the pickers and the search; the filtered view and its
// page live in the URL, and another user opening that URL in another
// browser context sees the same rows and the same pickers.
jest.setTimeout(300_000);

const screenshots = path.join(testResults, 'screenshots');
const docs = path.join(repoRoot, 'plugins/data-mesh/docs');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-discovery-${run}`;

const OWNER = 'amara.okafor'; // checkout-team
const OTHER_USER = 'chloe.martin'; // customers team, not the owner

const nameOf = (i: number) => `disc-${run}-${String(i).padStart(2, '0')}`;
const titleOf = (i: number) => `Discovery ${run} ${String(i).padStart(2, '0')}`;
/** The one tier-1 product of the run; the 21 others are tier-2. */
const TIER_1 = 5;
/** Tier-2 products that list personal data fields. */
const WITH_PII = [2, 3];

const products: DataProductEntity[] = Array.from({ length: 22 }, (_, k) => {
  const i = k + 1;
  const product = makeDataProduct(nameOf(i), `e2e.${nameOf(i)}.v1`, {
    sla: {
      tier: i === TIER_1 ? 'tier-1' : 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
      onCall: 'https://oncall.example.com/checkout',
    },
    ...(WITH_PII.includes(i) && { piiFields: ['customer.email'] }),
  });
  product.metadata.title = titleOf(i);
  return product;
});
const topics = products.map(p => p.spec.output.topic);

/** What the page asks of each product (the plugin's DISCOVERY_ENTITY_FIELDS). */
const DISCOVERY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.owner',
  'spec.domain',
  'spec.sla',
  'spec.quality',
  'spec.classification',
  'spec.lifecycle',
  'spec.piiFields',
  'spec.observed.topic.status',
  'relations',
];

/** The tier-2 titles in name order: the filtered list. */
const tier2Titles = products
  .map((_, k) => k + 1)
  .filter(i => i !== TIER_1)
  .map(titleOf);

/** A picture of the page; with UPDATE_SCREENSHOTS=1 also the README's. */
async function shoot(page: Page, name: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.copyFileSync(file, path.join(docs, `${name}.png`));
  }
}

/** Waits for these rows, then checks them once more. */
async function expectTitles(page: Page, titles: string[]) {
  await waitForTitles(page, titles);
  expect(await productTitles(page)).toEqual(titles);
}

describe('the discovery page in Chromium: catalog paging, filters in the URL', () => {
  let backend: RunningBackend;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  /** The URL of the filtered view on its second page, as user one left it. */
  let sharedUrl: string;

  beforeAll(async () => {
    // A no-op within a jest run: the global setup built the app once.
    buildApp();
    const admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: topics.map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    await ensureRegistryTopic(admin, registryTopic);
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    for (const product of products) {
      await publishDescriptor(producer, registryTopic, product);
    }
    await producer.disconnect();
    backend = await startBackend({ dataMesh: { registryTopic } });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) {
      await context.close().catch(() => {});
    }
    await browser?.close();
    await backend?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [...topics, registryTopic] })
      .catch(() => undefined);
    await admin.disconnect();
  });

  it('filters with the search and the pickers, pages, and keeps both in the URL', async () => {
    const { context, page } = await signedInContext(
      browser,
      backend.baseUrl,
      OWNER,
    );
    contexts.push(context);
    // The page's requests for rows (not the `limit: 0` counts).
    const pageRequests: Array<Record<string, any>> = [];
    page.on('request', request => {
      if (
        request.method() === 'POST' &&
        request.url().includes('/api/catalog/entities/by-query')
      ) {
        const body = request.postDataJSON();
        if (body?.limit !== 0) pageRequests.push(body);
      }
    });
    await page.goto(`${backend.baseUrl}/data-mesh`);
    // The catalog ingests the 22 products from the registry topic.
    await page
      .getByText('Data products (22)', { exact: true })
      .waitFor({ timeout: 120_000 });
    expect(await productRows(page).count()).toBe(20);
    // One page of DataProducts, with only the fields the rows need.
    expect(pageRequests.length).toBeGreaterThan(0);
    for (const body of pageRequests) {
      expect(body).toEqual(
        expect.objectContaining({ limit: 20, fields: DISCOVERY_FIELDS }),
      );
      expect(JSON.stringify(body.query)).toContain('"kind":"dataproduct"');
    }

    await searchField(page).fill(run);
    await pick(page, 'SLA tier', 'tier-2');
    await page.getByText('Data products (21)', { exact: true }).waitFor();
    await expectTitles(page, tier2Titles.slice(0, 20));
    await shoot(page, 'discovery-filtered');

    let params = new URL(page.url()).searchParams;
    expect(params.get('filters[text]')).toBe(run);
    expect(params.getAll('filters[tier]')).toEqual(['tier-2']);
    expect(params.get('filters[kind]')).toBe('dataproduct');
    expect(params.get('limit')).toBe('20');

    await page.getByRole('button', { name: 'Next Page' }).click();
    await expectTitles(page, tier2Titles.slice(20));
    params = new URL(page.url()).searchParams;
    expect(params.get('offset')).toBe('20');
    expect(params.getAll('filters[tier]')).toEqual(['tier-2']);
    sharedUrl = page.url();
  });

  it('opens the shared URL for another user with the same rows, page and pickers', async () => {
    expect(sharedUrl).toContain('offset=20');
    const { context, page } = await signedInContext(
      browser,
      backend.baseUrl,
      OTHER_USER,
    );
    contexts.push(context);
    await page.goto(sharedUrl);
    await expectTitles(page, tier2Titles.slice(20));
    await page.getByText('Data products (21)', { exact: true }).waitFor();
    expect(await searchField(page).inputValue()).toBe(run);
    expect(await pickedValues(page, 'SLA tier')).toEqual(['tier-2']);

    // Back to the first page, then the catalog's PII filter on top.
    await page.getByRole('button', { name: 'Previous Page' }).click();
    await expectTitles(page, tier2Titles.slice(0, 20));
    await pick(page, 'Personal data', 'yes');
    await expectTitles(page, WITH_PII.map(titleOf));
    expect(new URL(page.url()).searchParams.get('filters[pii]')).toBe('yes');
  });
});
