import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import { launchChromium } from '../browser';
import { buildApp } from '../buildApp';
import { signedInContext } from './browserUser';
import { PortalApi } from './portalApi';

/**
 * The portal as a browser test drives it: the built app served by a real
 * backend (the repo's app-config plus the test's config), the REST API
 * and a Chromium context, both signed in as one catalog user.
 */
export interface BrowserPortal {
  backend: RunningBackend;
  /** The REST API as the user. */
  api: PortalApi;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  stop(): Promise<void>;
}

/** Starts a {@link BrowserPortal} for `user` with the backend's `config`. */
export async function startBrowserPortal(
  user: string,
  config: object,
): Promise<BrowserPortal> {
  // A no-op within a jest run: the global setup built the app once.
  buildApp();
  const backend = await startBackend(config);
  let browser: Browser | undefined;
  try {
    const api = await eventually(
      () => PortalApi.signInAs(backend.baseUrl, user),
      { deadlineMs: 120_000, intervalMs: 1000 },
    );
    browser = await launchChromium();
    const { context, page } = await signedInContext(
      browser,
      backend.baseUrl,
      user,
    );
    const opened = browser;
    return {
      backend,
      api,
      browser: opened,
      context,
      page,
      async stop() {
        await context.close().catch(() => undefined);
        await opened.close();
        await backend.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await backend.stop();
    throw error;
  }
}
