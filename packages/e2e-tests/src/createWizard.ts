import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { InputProduct } from './wizardPortal';

/** What the wizard is filled with; unique per call of {@link newProduct}. */
export type WizardProduct = {
  name: string;
  title: string;
  description: string;
  domain: string;
  /** `<domain>.<name>.v1`, as the template's default naming rule makes it. */
  topic: string;
  subject: string;
  schema: string;
};

/** A product no other run uses: its name, topic and subject are unique. */
export function newProduct(prefix = 'wizard'): WizardProduct {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const topic = `commerce.${name}.v1`;
  return {
    name,
    title: `Created ${name}`,
    description: 'Created through the Create data product wizard.',
    domain: 'commerce',
    topic,
    subject: `${topic}-value`,
    schema: JSON.stringify(
      {
        type: 'record',
        name: 'OrderShipped',
        namespace: 'commerce',
        fields: [
          { name: 'orderId', type: 'string', doc: 'Order number' },
          { name: 'carrier', type: 'string' },
          {
            name: 'shippedAt',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
        ],
      },
      null,
      2,
    ),
  };
}

/** Called with a name after each page is filled, e.g. to take a screenshot. */
export type OnWizardPage = (name: string) => Promise<void>;

const noop: OnWizardPage = async () => {};

/** Picks `option` in the select (MUI menu) labelled `label`. */
async function select(page: Page, label: RegExp, option: string) {
  await page.getByLabel(label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function next(page: Page, button: 'Next' | 'Review' = 'Next') {
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** Opens `/create` and chooses the template with this title. */
export async function chooseTemplate(
  page: Page,
  baseUrl: string,
  title: string,
) {
  await page.goto(`${baseUrl}/create`);
  // The innermost element holding both the title and a Choose button is
  // the template's card.
  await page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last()
    .getByRole('button', { name: 'Choose' })
    .click();
}

/**
 * Opens `/create`, chooses "Create data product" and fills every page up to
 * the review. The declared SLA is stronger than the input's, so the inputs
 * page must show the effective SLA warning naming the input; the owner then
 * acknowledges it.
 */
export async function fillCreateWizard(
  page: Page,
  baseUrl: string,
  product: WizardProduct,
  input: InputProduct,
  onPage: OnWizardPage = noop,
) {
  await chooseTemplate(page, baseUrl, 'Create data product');

  // Ownership
  // Owner and domain are autocompletes: their popups carry the label too.
  const owner = page.getByRole('textbox', { name: /^Owner/ });
  await owner.click();
  await owner.fill('guests');
  await page
    .getByRole('option', { name: /guests/ })
    .first()
    .click();
  const domain = page.getByRole('textbox', { name: /^Domain/ });
  await domain.fill(product.domain);
  await domain.press('Tab');
  await page.getByLabel(/^Name/).fill(product.name);
  await page.getByLabel(/^Title/).fill(product.title);
  await page.getByLabel(/^Description/).fill(product.description);
  await onPage('1-ownership');
  await next(page);

  // Contract: a tier-1 promise with on-call
  await select(page, /^SLA tier/, 'tier-1');
  await page.getByLabel(/^Availability/).fill('99.9');
  await page.getByLabel(/^Freshness/).fill('PT5M');
  await select(page, /^Support hours/, '24x7');
  await page.getByLabel(/^On-call/).fill('https://oncall.example.com/wizard');
  await onPage('2-contract');
  await next(page);

  // Schema: live syntax feedback, then the real schema
  const editor = page.getByLabel(/^Schema ·/);
  await editor.fill('{\n  "type": "record",\n  "name": OrderShipped\n}');
  await page.getByText(/Invalid Avro schema at line 3, column 11/).waitFor();
  await onPage('3-schema-error');
  // The field's validation keeps the wizard on this page (the error is now
  // listed above the form too).
  await next(page);
  await page
    .getByText(/Invalid Avro schema at line 3, column 11/)
    .nth(1)
    .waitFor();
  await editor.fill(product.schema);
  await page.getByText(/^Valid JSON\./).waitFor();
  await onPage('3-schema');
  await next(page);

  // Inputs: the effective SLA preview warns, naming the weaker input
  await page.getByRole('textbox', { name: /^Inputs/ }).click();
  await page.getByRole('option', { name: new RegExp(input.title) }).click();
  const preview = page.getByRole('region', { name: 'Effective SLA preview' });
  await preview
    .getByText('The declared SLA is better than the inputs allow')
    .waitFor();
  await preview
    .getByText(`declared tier tier-1 is better than tier-2 from ${input.ref}`)
    .waitFor();
  await onPage('4-inputs');
  await page.getByLabel(/Promise more than the inputs do/).check();
  await next(page);

  // Topic: the defaults (cluster local, governance partitions)
  await onPage('5-topic');
  await next(page, 'Review');
  await page.getByText(product.name).first().waitFor();
  await onPage('6-review');
}

/** Presses Create on the review page. */
export async function pressCreate(page: Page) {
  await page.getByRole('button', { name: 'Create', exact: true }).click();
}

/**
 * Waits for the task to finish, follows its "Data product" output link and
 * waits for the entity page to render the product's title.
 */
export async function followToEntityPage(
  page: Page,
  product: WizardProduct,
  { timeoutMs = 180_000, onTaskDone = noop } = {},
) {
  const link = page.getByRole('link', { name: 'Data product', exact: true });
  try {
    await link.waitFor({ timeout: timeoutMs });
  } catch (error) {
    const text = await page.locator('main').innerText();
    throw new Error(
      `The task did not finish with a "Data product" link: ${
        (error as Error).message
      }\nTask page:\n${text}`,
    );
  }
  await onTaskDone('7-task');
  await link.click();
  await page.waitForURL(`**/catalog/default/dataproduct/${product.name}**`);
  await page.getByRole('heading', { name: product.title }).first().waitFor({
    timeout: 60_000,
  });
}
