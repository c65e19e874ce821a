import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The dev users' header (packages/backend/src/modules/devUserSignIn.ts). */
const DEV_USER_HEADER = 'x-data-mesh-dev-user';

/**
 * A browser context signed in as one of the catalog users of
 * `auth.providers.devUser.users` (app-config.yaml). The portal's sign-in
 * page offers the guest only; the context answers the guest provider's
 * refresh (`/api/auth/guest/refresh`, on sign-in and on every token
 * refresh) with the devUser provider's answer for `user`, so the app runs
 * with that user's identity and ownership claims, as PortalApi.signInAs
 * does for the REST API. Contexts are separate sessions: two users side by
 * side in one browser.
 */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  user: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
  });
  await context.route('**/api/auth/guest/refresh*', async route => {
    const request = route.request();
    const response = await route.fetch({
      url: request.url().replace('/api/auth/guest/', '/api/auth/devUser/'),
      headers: { ...request.headers(), [DEV_USER_HEADER]: user },
    });
    await route.fulfill({ response });
  });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('button', { name: /enter/i }).click();
  // Signed in once the app shell (the sidebar) is there.
  await page.getByRole('link', { name: 'Data mesh' }).first().waitFor();
  return { context, page };
}
