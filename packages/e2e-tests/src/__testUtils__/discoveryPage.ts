import type { Locator, Page } from 'playwright-core';

/**
 * The discovery page (`/data-mesh`) as a user drives it. Its filters are
 * the catalog's pickers, its search the catalog's search bar and its rows
 * one `tbody tr` per product (the Backstage table).
 */

/** The search field (the catalog's `EntitySearchBar`). */
export const searchField = (page: Page): Locator =>
  page.getByPlaceholder('Search', { exact: true });

/** Product rows: a link to a DataProduct entity page in the first cell. */
export const productRows = (page: Page): Locator =>
  page.locator('table tbody tr', {
    has: page.locator('a[href*="/dataproduct/"]'),
  });

/** The titles of the product rows, in the order shown. */
export async function productTitles(page: Page): Promise<string[]> {
  const rows = productRows(page);
  const titles: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    titles.push(
      (
        await rows
          .nth(i)
          .locator('a[href*="/dataproduct/"]')
          .first()
          .innerText()
      ).trim(),
    );
  }
  return titles;
}

/**
 * A catalog autocomplete picker (Owner, Domain, SLA tier, Tags...): the
 * input in the `<label>` that names it (and, once picked, holds the chips
 * of its values, hence the prefix match).
 */
export const picker = (page: Page, label: string): Locator =>
  page.getByRole('textbox', {
    name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  });

/** Selects one value of a catalog autocomplete picker. */
export async function pick(page: Page, label: string, value: string) {
  await picker(page, label).click();
  await page.getByRole('option', { name: value, exact: true }).click();
  await page.keyboard.press('Escape');
}

/** The values selected in a catalog autocomplete picker (its chips). */
export async function pickedValues(
  page: Page,
  label: string,
): Promise<string[]> {
  const root = page.locator('.MuiAutocomplete-root', {
    has: picker(page, label),
  });
  return (await root.locator('.MuiChip-label').allInnerTexts()).map(t =>
    t.trim(),
  );
}

/** Clears every value of a catalog autocomplete picker. */
export async function unpick(page: Page, label: string) {
  const root = page.locator('.MuiAutocomplete-root', {
    has: picker(page, label),
  });
  await root.hover();
  await root.getByRole('button', { name: 'Clear' }).click();
  await page.keyboard.press('Escape');
}

/**
 * Waits until the table shows exactly these product titles, in this
 * order: the rows of a page are replaced once the catalog answered, so
 * any other wait could see the old rows or none.
 */
export async function waitForTitles(page: Page, titles: string[]) {
  await page.waitForFunction(
    expected => {
      const shown = Array.from(
        document.querySelectorAll('table tbody tr a[href*="/dataproduct/"]'),
      ).map(a => a.textContent?.trim());
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    titles,
    { timeout: 60_000 },
  );
}
