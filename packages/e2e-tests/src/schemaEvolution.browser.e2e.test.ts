import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chooseTemplate } from './createWizard';
import { testResults } from './repoPaths';
import {
  BrowserPortal,
  startBrowserPortal,
} from './__testUtils__/browserPortal';
import { PortalApi } from './__testUtils__/portalApi';
import { registryUrl, StackFixtures } from './__testUtils__/stackFixtures';

// The "Evolve data product schema" wizard in a real Chromium against the
// built portal and the portal's real permission policy: its impact step
// names the downstream product and the consumer group a new schema
// affects, replays the topic's records through it and checks the quality
// rules; a compatible schema is registered, a breaking one stops the task
// before the registry, and a member of another team may not run it. The
// screenshots are the README's.
jest.setTimeout(300_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-evolve-${run}`;

const OWNER = 'amara.okafor'; // checkout-team
const OUTSIDER = 'chloe.martin'; // customer-team

const orders = `orders-evolving-${run}`;
const ordersTopic = `commerce.${orders}.v1`;
const subject = `${ordersTopic}-value`;
const report = `orders-daily-${run}`;
const reportTopic = `commerce.${report}.v1`;
const readerGroup = `e2e-billing-${run}`;

const schemaV1 = {
  type: 'record',
  name: 'OrderEvolving',
  namespace: 'e2e.evolve',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};
/** Compatible: a new field with a default. */
const schemaV2 = {
  ...schemaV1,
  fields: [
    ...schemaV1.fields,
    { name: 'currency', type: 'string', default: 'EUR' },
  ],
};
/** Breaking: a new field without a default, which old records lack. */
const schemaBreaking = {
  ...schemaV1,
  fields: [...schemaV2.fields, { name: 'channel', type: 'string' }],
};

const ordersProduct: DataProductEntity = makeDataProduct(orders, ordersTopic, {
  qualityRules: [
    {
      name: 'order-id-present',
      metric: 'nullValues',
      property: 'orderId',
      mustBe: 0,
    },
  ],
} as Partial<DataProductEntity['spec']>);
ordersProduct.metadata.title = `Evolving orders ${run}`;
const reportProduct: DataProductEntity = makeDataProduct(report, reportTopic, {
  inputs: [`dataproduct:default/${orders}`],
} as Partial<DataProductEntity['spec']>);
reportProduct.metadata.title = `Daily orders ${run}`;

async function shoot(page: Page, file: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({
    path: path.join(screenshots, `${file}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

describe('the schema evolution wizard with its impact check, in Chromium', () => {
  const fixtures = new StackFixtures();
  let portal: BrowserPortal;

  const versions = async () => {
    const res = await fetch(`${registryUrl}/subjects/${subject}/versions`);
    return (await res.json()) as number[];
  };

  /** Runs the wizard as the signed-in owner, up to the task page. */
  async function runWizard(schema: object) {
    const { page, backend } = portal;
    await chooseTemplate(page, backend.baseUrl, 'Evolve data product schema');
    const picker = page.getByRole('textbox', { name: /^Data product/ });
    await picker.click();
    // The picker searches the products by their titles.
    await picker.fill(ordersProduct.metadata.title!);
    await page
      .getByRole('option', { name: ordersProduct.metadata.title })
      .first()
      .click();
    await page
      .getByRole('textbox', { name: /^Schema/ })
      .fill(JSON.stringify(schema, null, 2));
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL('**/create/tasks/**');
  }

  beforeAll(async () => {
    fixtures.track({ topics: [registryTopic], groups: [readerGroup] });
    await fixtures.createTopics(ordersTopic, reportTopic);
    const id = await fixtures.registerAvro(ordersTopic, schemaV1);
    await fixtures.registerAvro(reportTopic, schemaV1);
    await fixtures.produce(
      ordersTopic,
      id,
      [1, 2, 3].map(i => ({ value: { orderId: `o-${i}`, amount: i } })),
    );
    // A consumer of the topic, with committed offsets.
    await fixtures.withAdmin(admin =>
      admin.setOffsets({
        groupId: readerGroup,
        topic: ordersTopic,
        partitions: [{ partition: 0, offset: '3' }],
      }),
    );

    portal = await startBrowserPortal(OWNER, { dataMesh: { registryTopic } });
    await portal.api.publish(ordersProduct);
    await portal.api.publish(reportProduct);
    // The template is in the catalog.
    await eventually(
      async () => {
        const template = 'template:default/evolve-data-product-schema';
        if (!(await portal.api.entity(template))) {
          throw new Error('the template is not in the catalog yet');
        }
      },
      { deadlineMs: 60_000, intervalMs: 1000 },
    );
  }, 420_000);

  afterAll(async () => {
    await portal?.stop();
    await fixtures.cleanUp();
  });

  it('registers a compatible schema and shows its impact report', async () => {
    expect(await versions()).toEqual([1]);
    await runWizard(schemaV2);
    // The template's "Impact" output, once the task is done.
    const output = portal.page.getByTestId('text-output-box');
    await output
      .getByText(/Impact of a new schema for/)
      .waitFor({ timeout: 120_000 });
    const text = await output.innerText();
    expect(text).toContain('registry: accepted under');
    expect(text).toContain(`dataproduct:default/${report}`);
    expect(text).toContain(readerGroup);
    expect(text).toContain(
      'records: the new schema reads all 3 newest records',
    );
    expect(text).toContain('OK: nothing breaks');
    expect(text).toMatch(new RegExp(`Version 2 of .?${subject}`));
    await shoot(portal.page, 'impact-report');
    expect(await versions()).toEqual([1, 2]);
  });

  it('stops a breaking schema at the impact step, before the registry', async () => {
    await runWizard(schemaBreaking);
    await portal.page
      .getByText(/breaks: the registry rejects it/)
      .first()
      .waitFor({ timeout: 120_000 });
    const text = await portal.page.locator('body').innerText();
    expect(text).toContain('3 of the 3 newest records cannot be read with it');
    await shoot(portal.page, 'impact-breaking');
    expect(await versions()).toEqual([1, 2]);
  });

  it('refuses a member of another team, under the portal policy', async () => {
    const outsider = await PortalApi.signInAs(portal.backend.baseUrl, OUTSIDER);
    const result = await outsider.runTemplate('evolve-data-product-schema', {
      product: `dataproduct:default/${orders}`,
      schema: JSON.stringify(schemaV2),
      records: 10,
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      `You may not check a new schema of dataproduct:default/${orders}: only its owner`,
    );
    expect(await versions()).toEqual([1, 2]);
  });
});
