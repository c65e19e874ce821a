/*
 * Chromium for the page figures: launched as the browser tests launch it
 * (packages/e2e-tests/src/browser.ts), signed in once as the guest, then a
 * fresh context per page load so that no page shares a renderer, a heap or
 * a cache with the one measured before it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const VIEWPORT = { width: 1400, height: 1000 };

/**
 * Signs in as the guest, as the browser tests do (the sign-in page's Enter
 * button), and returns what a new context needs to start signed in (the
 * app remembers the provider in local storage and signs in again by
 * itself), with the paths the sidebar links named `sidebarLinks` point to.
 */
export async function guestSignIn(
  browser: Browser,
  baseUrl: string,
  sidebarLinks: string[],
): Promise<{ storageState: StorageState; paths: Record<string, string> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole('button', { name: /enter/i }).click();
    // Signed in once the app shell (the sidebar) is there.
    const nav = page.getByRole('navigation');
    await nav
      .getByRole('link', { name: sidebarLinks[0], exact: true })
      .waitFor({ timeout: 120_000 });
    const paths: Record<string, string> = {};
    for (const name of sidebarLinks) {
      const href = await nav
        .getByRole('link', { name, exact: true })
        .first()
        .getAttribute('href');
      if (!href) throw new Error(`no sidebar link '${name}'`);
      paths[name] = new URL(href, baseUrl).pathname;
    }
    return { storageState: await context.storageState(), paths };
  } finally {
    await context.close();
  }
}

/** A page in a context of its own, signed in, that counts requests in flight. */
export interface FreshPage {
  page: Page;
  /**
   * Resolves once no request has been in flight for `quietMs` (true), or
   * after `timeoutMs` without such a pause (false): "after load" for a page
   * that keeps asking for live data in the background.
   */
  networkQuiet(quietMs: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function freshPage(
  browser: Browser,
  storageState: StorageState,
): Promise<FreshPage> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    storageState,
  });
  const page = await context.newPage();
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (by: number) => {
    inFlight += by;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return {
    page,
    async networkQuiet(quietMs, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (inFlight <= 0 && Date.now() - lastChange >= quietMs) return true;
        await new Promise(r => setTimeout(r, 50));
      }
      return false;
    },
    close: () => context.close(),
  };
}

/**
 * The page's JS heap in MiB after a full garbage collection: CDP's
 * `JSHeapUsedSize` of `Performance.getMetrics`, after
 * `HeapProfiler.collectGarbage`.
 */
export async function jsHeapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find(m => m.name === 'JSHeapUsedSize');
    if (!used) throw new Error('Performance.getMetrics gave no JSHeapUsedSize');
    return used.value / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}
