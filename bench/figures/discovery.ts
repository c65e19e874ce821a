/*
 * Discovery at scale (`yarn bench discovery`): the data mesh discovery page
 * with N published data products beside Backstage's own catalog page with
 * N Components, both in the same catalog, served by the same backend, in
 * headless Chromium. See bench/README.md.
 */
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { ensureRegistryTopic } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Producer } from 'kafkajs';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../packages/e2e-tests/src/browser';
// Builds the frontend as the browser tests do (production bundle).
export { buildApp } from '../../packages/e2e-tests/src/buildApp';
import {
  freshPage,
  guestSignIn,
  jsHeapMiB,
  StorageState,
} from '../lib/browserPages';
import { Figure, figure, percentile, waitFor } from '../lib/figures';
import { publishAll } from '../lib/products';
import { resultsDir } from '../lib/results';
import { countEntities, countPollMs, timeoutFor } from '../lib/session';
import type { BenchBackend } from '../lib/startBenchBackend';

/*
 * What the figures look for on the pages, in one place. The discovery page
 * is being moved onto Backstage's entity list (server-side pagination, the
 * catalog's pickers and `EntitySearchBar`): these match the page before and
 * after, and are what to adjust when its markup changes.
 */
const SELECTORS = {
  /** A table row; the pages' tables have one `tbody tr` per entity. */
  row: 'table tbody tr',
  /** The link in a discovery row to its product's entity page. */
  productLink: 'a[href*="/catalog/default/dataproduct/"]',
  /** The link in a catalog row to its Component's entity page. */
  componentLink: 'a[href*="/catalog/default/component/"]',
  /**
   * The page's search field: the discovery page's own (`#data-mesh-search`,
   * filtering on the client) or Backstage's `EntitySearchBar` (placeholder
   * "Search", aria-label "search"; what the catalog page has). The first in
   * the page's order is typed into.
   */
  search:
    '#data-mesh-search, input[placeholder="Search"], input[aria-label="search"]',
};

interface PageUnderTest {
  /**
   * The sidebar link to the page: the app config decides where a page is
   * mounted (app-config.yaml mounts the catalog at `/`), the sidebar says.
   */
  sidebarLink: string;
  /** The query string to open it with. */
  query: string;
  /** The link that marks a row as one of the N entities. */
  rowLink: string;
}

const DISCOVERY_PAGE: PageUnderTest = {
  sidebarLink: 'Data mesh',
  query: '',
  rowLink: SELECTORS.productLink,
};

/**
 * Backstage's catalog page listing Components of every owner. It is
 * paginated on the server, as Backstage recommends for large catalogs: the
 * new frontend system's `page:catalog` has `pagination: true` (cursor
 * pagination) by default, and app-config.yaml does not change it.
 */
const CATALOG_PAGE: PageUnderTest = {
  sidebarLink: 'Catalog',
  query: '?filters[kind]=component&filters[user]=all',
  rowLink: SELECTORS.componentLink,
};

/** A request-free pause this long after the first rows counts as loaded. */
const QUIET_MS = 1000;
/** The heap is read after this long without such a pause (recorded as unsettled). */
const SETTLE_TIMEOUT_MS = 60_000;

const REPO = path.resolve(__dirname, '../..');
/** The last page load's screenshots, and those of failed loads (ignored by git). */
const SCREENSHOTS = path.join(resultsDir, 'screenshots');
const APP_DIST = path.join(REPO, 'packages/app/dist');
/** Sources whose changes a bundle older than them does not have. */
const FRONTEND_SOURCES = [
  'packages/app/src',
  'plugins/data-mesh/src',
  'plugins/data-mesh-common/src',
];

export interface DiscoverySetup {
  /** Products and Components each. */
  n: number;
  /** Page loads per page, each in a fresh context. */
  repeats: number;
  admin: Admin;
  producer: Producer;
  /** A registry topic of the figure's own, so that it holds exactly N. */
  registryTopic: string;
  /** N products whose topics and schemas exist; their descriptors are published here. */
  products: DataProductEntity[];
  /** `spec.type` and name prefix of the N floor Components. */
  componentType: string;
  /** The frontend bundle the backend serves (appBundle()). */
  bundle: AppBundle;
  /** Starts the benchmark backend with the app (`benchAppBackend.ts`) on a registry topic. */
  startBackend(registryTopic: string): Promise<BenchBackend>;
  log(message: string): void;
}

export interface AppBundle {
  builtAt: string;
  /** Frontend sources changed since. */
  newerSources: string[];
}

/**
 * The built frontend, packages/app/dist: when it was built, and the
 * frontend sources changed since. A run serves the bundle as it was when
 * its backend started (the app plugin keeps index.html in memory and the
 * assets in its database); without one there is nothing to serve.
 */
export function appBundle(): AppBundle {
  const index = path.join(APP_DIST, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      'packages/app/dist is missing: build the frontend (`yarn workspace app build`) or pass --build-app',
    );
  }
  const builtAt = fs.statSync(index).mtimeMs;
  const newerSources = FRONTEND_SOURCES.flatMap(dir =>
    (
      fs.readdirSync(path.join(REPO, dir), {
        recursive: true,
        encoding: 'utf8',
      }) as string[]
    )
      .map(file => path.join(dir, file))
      .filter(
        file =>
          /\.tsx?$/.test(file) &&
          !/\.test\.tsx?$/.test(file) &&
          fs.statSync(path.join(REPO, file)).mtimeMs > builtAt,
      ),
  );
  return { builtAt: new Date(builtAt).toISOString(), newerSources };
}

interface WatchArgs {
  row: string;
  rowLink: string;
  /** Every row shows this entity (a filter's result); else any row will do. */
  only?: string;
  /** The window property that receives `performance.now()`. */
  key: string;
}

/**
 * Runs in the page: records in `window[key]` the `performance.now()` of the
 * first DOM change after which the table shows rows of the N entities
 * (with `only`, nothing but that entity's). A MutationObserver, so the time
 * is that of the change, not of a poll; self-contained, as it is
 * serialised into the page.
 */
function watchRows({ row, rowLink, only, key }: WatchArgs) {
  const target = window as unknown as Record<string, number | undefined>;
  target[key] = undefined;
  const shown = () => {
    const rows = Array.from(document.querySelectorAll(row)).filter(r =>
      r.querySelector(rowLink),
    );
    if (rows.length === 0) return false;
    return (
      only === undefined ||
      rows.every(r =>
        (r.querySelector(rowLink)!.getAttribute('href') ?? '').endsWith(
          `/${only}`,
        ),
      )
    );
  };
  const observer = new MutationObserver(() => {
    if (target[key] === undefined && shown()) {
      target[key] = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    characterData: true,
  });
}

/** Waits until the page recorded `window[key]`; its value. */
async function recorded(page: Page, key: string, timeout: number) {
  const handle = await page.waitForFunction(
    k => (window as unknown as Record<string, number | undefined>)[k],
    key,
    { polling: 50, timeout },
  );
  return (await handle.jsonValue()) as number;
}

interface PageSample {
  /** Navigation start → first rows, in the page's clock. */
  firstRowsMs: number;
  /** Whether the network went quiet before the heap was read. */
  settled: boolean;
  heapMiB: number;
  /** The search text's input event → only the searched entity's row. */
  searchMs: number;
}

/** One page load in a fresh signed-in context, and a search on it. */
async function samplePage(
  browser: Browser,
  storageState: StorageState,
  url: string,
  target: PageUnderTest,
  searchFor: string,
  timeout: number,
  /** Saves what the page showed, loaded and searched, as `<name>-….png`. */
  screenshotAs?: string,
): Promise<PageSample> {
  const fresh = await freshPage(browser, storageState);
  const { page } = fresh;
  try {
    // From the document's start, so that no change is missed.
    await page.addInitScript(watchRows, {
      row: SELECTORS.row,
      rowLink: target.rowLink,
      key: '__benchFirstRows',
    });
    await page.goto(url, {
      waitUntil: 'commit',
      timeout,
    });
    // performance.now() counts from the navigation's start.
    const firstRowsMs = await recorded(page, '__benchFirstRows', timeout);
    const settled = await fresh.networkQuiet(QUIET_MS, SETTLE_TIMEOUT_MS);
    const heapMiB = await jsHeapMiB(page);
    const shoot = async (state: string) => {
      if (!screenshotAs) return;
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${screenshotAs}-${state}.png`),
      });
    };
    await shoot('loaded');

    const search = page.locator(SELECTORS.search).first();
    await search.waitFor({ timeout });
    await page.evaluate(watchRows, {
      row: SELECTORS.row,
      rowLink: target.rowLink,
      only: searchFor,
      key: '__benchFiltered',
    });
    await page.evaluate(() => {
      const w = window as unknown as Record<string, number | undefined>;
      w.__benchInput = undefined;
      document.addEventListener(
        'input',
        () => {
          w.__benchInput ??= performance.now();
        },
        { capture: true, once: true },
      );
    });
    // The whole text in one input event, as when pasted: what is timed is
    // the page's answer, not the typing (a debounce, if the page has one,
    // is part of the answer).
    await search.fill(searchFor, { timeout });
    const filteredAt = await recorded(page, '__benchFiltered', timeout);
    const inputAt = await recorded(page, '__benchInput', timeout);
    await shoot('searched');
    return { firstRowsMs, settled, heapMiB, searchMs: filteredAt - inputAt };
  } catch (error) {
    // What the page showed, to adjust SELECTORS by.
    const file = path.join(SCREENSHOTS, `discovery-failed-${Date.now()}.png`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    throw new Error(
      `${url}: ${error} (page at ${page.url()}; screenshot ${file})`,
    );
  } finally {
    await fresh.close();
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Seeds the backend with N products and N Components, then loads both
 * pages `repeats` times each (after one load of each that is not counted),
 * alternating which goes first.
 */
export async function measureDiscovery(
  setup: DiscoverySetup,
): Promise<Figure[]> {
  const { n, repeats, log, bundle } = setup;
  const timeout = Math.max(120_000, n * 20);

  await ensureRegistryTopic(setup.admin, setup.registryTopic);
  await publishAll(setup.producer, setup.registryTopic, setup.products);
  const backend = await setup.startBackend(setup.registryTopic);
  const seedTimeout = timeoutFor(n);
  const countEvery = countPollMs(n);
  await waitFor(
    async () => (await countEntities(backend, 'kind=dataproduct')) >= n,
    { everyMs: countEvery, timeoutMs: seedTimeout, what: `${n} data products` },
  );
  log(`${n} data products in the catalog; adding ${n} Components`);
  const type = setup.componentType;
  const res = await backend.call(
    `/api/catalog/bench-floor/full?count=${n}&type=${type}`,
    'POST',
  );
  if (!res.ok) throw new Error(`floor full mutation: ${res.status}`);
  await waitFor(
    async () =>
      (await countEntities(backend, `kind=component,spec.type=${type}`)) >= n,
    { everyMs: countEvery, timeoutMs: seedTimeout, what: `${n} Components` },
  );

  // The last of each: no other name contains it.
  const product = setup.products[n - 1].metadata.name;
  const component = `${type}-${n - 1}`;
  const browser = await launchChromium();
  const samples = {
    discovery: [] as PageSample[],
    catalog: [] as PageSample[],
  };
  const urls = { discovery: '', catalog: '' };
  try {
    const { storageState, paths } = await guestSignIn(
      browser,
      backend.baseUrl,
      [DISCOVERY_PAGE.sidebarLink, CATALOG_PAGE.sidebarLink],
    );
    const pathOf = (p: PageUnderTest) => `${paths[p.sidebarLink]}${p.query}`;
    urls.discovery = pathOf(DISCOVERY_PAGE);
    urls.catalog = pathOf(CATALOG_PAGE);
    const load =
      (p: PageUnderTest, name: string, searchFor: string) => (last: boolean) =>
        samplePage(
          browser,
          storageState,
          `${backend.baseUrl}${pathOf(p)}`,
          p,
          searchFor,
          timeout,
          last ? `discovery-${name}` : undefined,
        );
    const discovery = load(DISCOVERY_PAGE, 'datamesh', product);
    const catalog = load(CATALOG_PAGE, 'catalog', component);
    log('page loads: one of each to warm the backend, not counted');
    await discovery(false);
    await catalog(false);
    for (let i = 0; i < repeats; i++) {
      // Alternately first, so that drift hits both alike.
      const order = i % 2 ? [catalog, discovery] : [discovery, catalog];
      for (const next of order) {
        const sample = await next(i === repeats - 1);
        (next === discovery ? samples.discovery : samples.catalog).push(sample);
      }
      const [d, c] = [samples.discovery.at(-1)!, samples.catalog.at(-1)!];
      log(
        `load ${i + 1}/${repeats}: first rows ${Math.round(
          d.firstRowsMs,
        )} ms (catalog ${Math.round(c.firstRowsMs)}), search ${Math.round(
          d.searchMs,
        )} ms (${Math.round(c.searchMs)}), heap ${r1(d.heapMiB)} MiB (${r1(
          c.heapMiB,
        )})`,
      );
    }
  } finally {
    await browser.close();
    await backend.stop();
  }

  const common = {
    n,
    repeats,
    url: urls.discovery,
    floorUrl: urls.catalog,
    bundleBuiltAt: bundle.builtAt,
    sourcesNewerThanBundle: bundle.newerSources.length,
  };
  const p50s = (pick: (s: PageSample) => number, round = Math.round) => ({
    value: percentile(samples.discovery.map(pick), 50),
    floor: percentile(samples.catalog.map(pick), 50),
    detail: {
      ...common,
      p50: round(percentile(samples.discovery.map(pick), 50)),
      floorP50: round(percentile(samples.catalog.map(pick), 50)),
      samples: samples.discovery.map(s => round(pick(s))),
      floorSamples: samples.catalog.map(s => round(pick(s))),
    },
  });
  const floorLabel = `Backstage's catalog page, N Components, paginated`;
  const heap = p50s(s => s.heapMiB, r1);
  return [
    figure(
      {
        id: `discovery.firstRows.n${n}`,
        label: `navigation → first product rows of /data-mesh, p50 (N=${n})`,
        unit: 'ms',
        floorLabel,
        ...p50s(s => s.firstRowsMs),
      },
      { maxRatio: 1.2 },
    ),
    figure(
      {
        id: `discovery.search.n${n}`,
        label: `search text entered → filtered rows on /data-mesh, p50 (N=${n})`,
        unit: 'ms',
        floorLabel: `${floorLabel}, its search bar`,
        ...p50s(s => s.searchMs),
      },
      { maxRatio: 1.2 },
    ),
    figure(
      {
        id: `discovery.heap.n${n}`,
        label: `JS heap after load and GC, /data-mesh, p50 (N=${n})`,
        unit: 'MiB',
        floorLabel,
        ...heap,
        detail: {
          ...heap.detail,
          // A page still loading (live data) when its heap was read.
          unsettledLoads: samples.discovery.filter(s => !s.settled).length,
          floorUnsettledLoads: samples.catalog.filter(s => !s.settled).length,
        },
      },
      { maxRatio: 1.2 },
    ),
  ];
}
