import {
  DemoRuntime,
  PRODUCTS,
  SALES_DASHBOARD_GROUP,
  seedDemoMesh,
  startDemoRuntime,
} from '@kafka-mesh/demo-mesh';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import {
  cleanupTestMesh,
  testMeshOptions,
} from '@kafka-mesh/demo-mesh/src/__testUtils__/testMesh';
import { launchChromium } from './browser';
import { buildApp } from './buildApp';
import { catalogLocationsWithDemo } from './demoCatalogLocations';
import { repoRoot } from './repoPaths';

// The living demo mesh in the real portal, in a real Chromium: what a
// newcomer sees after `yarn dev`. Seeded into a registry topic and topic
// prefix of its own, so it never touches a developer's running demo.
jest.setTimeout(180_000);

const screenshots = path.join(repoRoot, 'test-results/screenshots');
const docsScreenshots = path.join(repoRoot, 'docs/screenshots');
/** Long enough for a throughput window and several sales flushes. */
const LIVE_AFTER_MS = 65_000;

/**
 * Reloads the page until `check` passes: the catalog ingests the
 * organisation's files and the consumer groups on its own schedule, and
 * the page shows what it found when it loaded.
 */
function afterReloads(page: Page, check: () => Promise<void>) {
  return eventually(
    async () => {
      await page.reload();
      await check();
    },
    { deadlineMs: 120_000, intervalMs: 2_000 },
  );
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.copyFileSync(file, path.join(docsScreenshots, `${name}.png`));
  }
}

describe('the demo mesh in the portal', () => {
  const options = testMeshOptions();
  const catalog = catalogLocationsWithDemo(options.topicPrefix!);
  let runtime: DemoRuntime | undefined;
  let runningSince = 0;
  let backend: RunningBackend;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildApp();
    await seedDemoMesh(options);
    runtime = await startDemoRuntime(options);
    runningSince = Date.now();
    backend = await startBackend({
      dataMesh: { registryTopic: options.registryTopic },
      catalog: { locations: catalog.locations },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(backend.baseUrl);
    await page.getByRole('button', { name: /enter/i }).click();
    await page.getByRole('link', { name: 'Data mesh' }).first().waitFor();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
    await runtime?.stop();
    catalog.cleanup();
    await cleanupTestMesh(options);
  });

  it('lists the whole mesh on the discovery page', async () => {
    await page.goto(`${backend.baseUrl}/data-mesh`);
    // Every product is there once the table's title counts them all.
    await page.getByText(/^Data products \(14\)$/).waitFor();
    const rows = page.locator('table tbody tr', {
      has: page.locator('a[href*="/dataproduct/"]'),
    });
    expect(await rows.count()).toBeGreaterThanOrEqual(12);
    for (const title of ['Orders placed', 'Customer profiles', 'Page views']) {
      expect(
        await page.getByRole('link', { name: title, exact: true }).count(),
      ).toBe(1);
    }
    // The freshness column shows the effective promise of observed topics,
    // as people say it with the contract's value in its label.
    await page.locator('table [aria-label="1 min (PT1M)"]').first().waitFor();
    // Owners are the organisation's teams, shown by their titles.
    await afterReloads(page, () =>
      page
        .getByRole('link', { name: 'Customers & Membership' })
        .first()
        .waitFor({ timeout: 5_000 }),
    );
    await shoot(page, 'demo-discovery');
  });

  it('draws the lineage of a derived product with a node for each input', async () => {
    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${PRODUCTS.highValueOrders}/lineage`,
    );
    for (const title of [
      'High-value orders for review',
      'Orders placed',
      'Customer profiles',
    ]) {
      await page
        .locator('svg text', { hasText: new RegExp(`^${title}$`) })
        .first()
        .waitFor();
    }
    // Each product node carries its tier and live freshness.
    await page
      .locator('svg text', {
        hasText: /^tier-\d · (fresh|freshness at risk)( · .+ old)?$/,
      })
      .first()
      .waitFor();
    const upstream = page.getByRole('list', { name: 'Upstream data products' });
    expect((await upstream.getByRole('link').allTextContents()).sort()).toEqual(
      ['Customer profiles', 'Orders placed'],
    );
    await shoot(page, 'demo-lineage');
  });

  it('shows live freshness, throughput and the lagging dashboard consumer', async () => {
    // Let the throughput window fill with the demo's own records.
    const wait = runningSince + LIVE_AFTER_MS - Date.now();
    if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${PRODUCTS.recentSales}/live`,
    );
    await page.getByLabel('Freshness: Fresh').waitFor();
    await page
      .getByText(/Newest record \d+ m?s old; the SLA promises 1 min\./)
      .waitFor();
    const throughput = await page
      .getByText(/[\d.,]+ records\/s/)
      .first()
      .textContent();
    expect(Number(throughput!.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
    // The sales dashboard reads with its own group, linked to its component,
    // and is behind between its reads.
    const dashboard = page.locator('tr', {
      hasText: `${options.topicPrefix}${SALES_DASHBOARD_GROUP}`,
    });
    await afterReloads(page, async () => {
      await dashboard.getByRole('link', { name: 'Sales dashboard' }).waitFor({
        timeout: 5_000,
      });
      const lag = await dashboard.locator('td').nth(2).textContent();
      expect(Number(lag)).toBeGreaterThan(0);
    });
    await shoot(page, 'demo-live');
  });
});
