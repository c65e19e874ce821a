import fs from 'node:fs';
import path from 'node:path';
import {
  WizardProduct,
  chooseTemplate,
  fillCreateWizard,
  followToEntityPage,
  newProduct,
  pressCreate,
} from './createWizard';
import { WizardPortal, startWizardPortal } from './wizardPortal';
import { testResults } from './repoPaths';

// The self-service path end to end in a real Chromium: the "Create data
// product" template with the data mesh form fields, run by the real
// scaffolder against the real Kafka and registry, until the new product's
// page renders.
jest.setTimeout(300_000);

const screenshots = path.join(testResults, 'screenshots');

describe('the Create data product wizard in Chromium', () => {
  let portal: WizardPortal;
  let created: WizardProduct | undefined;

  beforeAll(async () => {
    portal = await startWizardPortal();
  }, 600_000);

  afterAll(async () => {
    await portal?.stop();
  });

  it('creates a product from the form and opens its page', async () => {
    const { page, backend, input } = portal;
    const product = newProduct('e2e-created');
    portal.created.topics.push(product.topic);
    portal.created.subjects.push(product.subject);
    fs.mkdirSync(screenshots, { recursive: true });
    const shoot = async (name: string) => {
      await page.screenshot({
        path: path.join(screenshots, `create-wizard-${name}.png`),
        fullPage: true,
      });
    };

    await fillCreateWizard(page, backend.baseUrl, product, input, shoot);
    await pressCreate(page);
    await followToEntityPage(page, product, { onTaskDone: shoot });

    expect(page.url()).toContain(
      `/catalog/default/dataproduct/${product.name}`,
    );
    expect(
      await page.getByRole('heading', { name: product.title }).count(),
    ).toBeGreaterThan(0);
    // Its overview names the input that limits its effective SLA.
    await page
      .getByText(new RegExp(`${input.title}|${input.ref}`))
      .first()
      .waitFor({ timeout: 60_000 });
    await shoot('8-entity-page');
    created = product;
  });

  it('lets a consumer download synthetic test data of the new product', async () => {
    expect(created).toBeDefined();
    const { page, backend } = portal;
    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${created!.name}/schema`,
    );
    const button = page.getByRole('button', { name: /Download test data/ });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      button.click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `${created!.name}-synthetic.json`,
    );
    const records = JSON.parse(
      fs.readFileSync((await download.path())!, 'utf8'),
    );
    expect(records).toHaveLength(20);
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual([
        'carrier',
        'orderId',
        'shippedAt',
      ]);
    }
    await page.getByText('Saved 20 made-up records.').waitFor();
    await page.screenshot({
      path: path.join(screenshots, 'create-wizard-9-test-data.png'),
      fullPage: true,
    });
  });

  it('shows the governance rules on the discovery page', async () => {
    const { page, backend } = portal;
    await page.goto(`${backend.baseUrl}/data-mesh`);
    const rules = page.getByRole('table', { name: 'Governance rules' });
    await rules.getByText('Topic names').waitFor();
    expect(await rules.getByRole('row').count()).toBe(9);
  });

  it('offers a topic with a schema in the candidate stream picker', async () => {
    const { page, backend } = portal;
    const { topic } = await portal.createCandidateStream();
    await chooseTemplate(page, backend.baseUrl, 'Add a stream to the mesh');
    const stream = page.getByLabel(/^Stream/);
    await stream.locator(`option[value="local/${topic}"]`).waitFor({
      state: 'attached',
    });
    await stream.selectOption(`local/${topic}`);
    expect(await stream.inputValue()).toBe(`local/${topic}`);
    // The format is the registered schema's, read from the registry.
    expect(await page.getByLabel('Schema format').inputValue()).toBe(
      'Avro schema',
    );
    await page.screenshot({
      path: path.join(screenshots, 'publish-stream-1-candidate.png'),
      fullPage: true,
    });
    // The value satisfies the template's object schema: on to Ownership.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('textbox', { name: /^Owner/ }).waitFor();
  });
});
