import type {
  DataProductEntity,
  ProductQualityResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { testResults } from './repoPaths';
import {
  BrowserPortal,
  startBrowserPortal,
} from './__testUtils__/browserPortal';
import type { PortalApi } from './__testUtils__/portalApi';
import {
  pick,
  productTitles,
  searchField,
} from './__testUtils__/discoveryPage';
import { StackFixtures } from './__testUtils__/stackFixtures';

// Data contracts in a real Chromium against the built portal: the contract
// monitor checks a product's quality rules on its records (one rule
// passing, one failing), the Live tab charts them and the discovery page
// flags the product as failing; a derived product whose processor's
// consumer group reads another topic than its declared input shows the
// lineage drift on its Lineage tab. The screenshots are the README's.
jest.setTimeout(240_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-contracts-${run}`;

const OWNER = 'amara.okafor'; // checkout-team

const orders = `orders-checked-${run}`;
const ordersTopic = `commerce.${orders}.v1`;
const derived = `orders-report-${run}`;
const derivedTopic = `commerce.${derived}.v1`;
/** What the processor actually reads: no declared input, no product. */
const scratchTopic = `e2e.scratch-${run}`;
const processorGroup = `e2e-report-processor-${run}`;

const FAILING_RULE = 'order-id-present';
const PASSING_RULE = 'amount-not-negative';

const orderSchema = {
  type: 'record',
  name: 'OrderChecked',
  namespace: 'e2e.contracts',
  fields: [
    { name: 'orderId', type: ['null', 'string'], default: null },
    { name: 'amount', type: 'double' },
  ],
};

const ordersProduct: DataProductEntity = makeDataProduct(orders, ordersTopic, {
  qualityRules: [
    {
      name: FAILING_RULE,
      metric: 'nullValues',
      property: 'orderId',
      mustBe: 0,
    },
    {
      name: PASSING_RULE,
      metric: 'invalidValues',
      property: 'amount',
      arguments: { minimum: 0 },
      mustBe: 0,
    },
  ],
} as Partial<DataProductEntity['spec']>);
ordersProduct.metadata.title = `Checked orders ${run}`;

const derivedProduct: DataProductEntity = makeDataProduct(
  derived,
  derivedTopic,
  {
    inputs: [`dataproduct:default/${orders}`],
    processor: { consumerGroups: [processorGroup] },
  } as Partial<DataProductEntity['spec']>,
);
derivedProduct.metadata.title = `Orders report ${run}`;

/** A picture of the page, or of one element of it. */
async function shoot(target: Page | Locator, file: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  const options = {
    path: path.join(screenshots, `${file}.png`),
    animations: 'disabled' as const,
  };
  if ('goto' in target) {
    await target.screenshot({ ...options, fullPage: true });
  } else {
    await target.screenshot(options);
  }
}

describe('data contracts in Chromium: quality checks and lineage drift', () => {
  const fixtures = new StackFixtures();
  const { kafka } = fixtures;
  let portal: BrowserPortal;
  // Short names for what every step uses.
  let backend: BrowserPortal['backend'];
  let page: Page;
  let owner: PortalApi;
  let schemaId: number;

  const produce = (values: Array<{ orderId: string | null; amount: number }>) =>
    fixtures.produce(
      ordersTopic,
      schemaId,
      values.map(value => ({ value })),
    );

  const quality = async () => {
    const { status, body } = await owner.request<ProductQualityResponse>(
      'GET',
      `/api/data-mesh/products/default/${orders}/quality`,
    );
    expect(status).toBe(200);
    return body;
  };
  const checksOf = async (rule: string) =>
    (await quality()).rules.find(r => r.rule === rule)?.series.length ?? 0;

  /** Produces a batch and waits until the monitor has checked it. */
  const batch = async (
    values: Array<{ orderId: string | null; amount: number }>,
  ) => {
    const before = await checksOf(FAILING_RULE);
    await produce(values);
    await eventually(
      async () => {
        expect(await checksOf(FAILING_RULE)).toBeGreaterThan(before);
      },
      { deadlineMs: 60_000, intervalMs: 1000 },
    );
  };

  const publish = (descriptor: DataProductEntity) => owner.publish(descriptor);

  beforeAll(async () => {
    fixtures.track({ topics: [registryTopic], groups: [processorGroup] });
    await fixtures.createTopics(ordersTopic, derivedTopic, scratchTopic);
    schemaId = await fixtures.registerAvro(ordersTopic, orderSchema);
    await fixtures.registerAvro(derivedTopic, orderSchema);

    portal = await startBrowserPortal(OWNER, {
      dataMesh: {
        registryTopic,
        // Checks every two seconds, and consumer groups re-read as often,
        // so that the pictures need no minute-long waits.
        monitor: { frequency: 'PT2S' },
        catalog: {
          consumerGroupSchedule: {
            frequency: { seconds: 2 },
            timeout: { seconds: 30 },
          },
        },
      },
    });
    ({ backend, page, api: owner } = portal);
    await publish(ordersProduct);
  }, 420_000);

  afterAll(async () => {
    await portal?.stop();
    await fixtures.cleanUp();
  });

  it('charts each quality rule on the Live tab, one passing, one failing', async () => {
    // Checks over a few batches, so that the charts have a history: the
    // amounts are always valid, some orders come without an id.
    await batch([
      { orderId: 'o-1', amount: 10 },
      { orderId: null, amount: 12 },
      { orderId: 'o-3', amount: 30 },
    ]);
    await batch([
      { orderId: 'o-4', amount: 5 },
      { orderId: 'o-5', amount: 7.5 },
    ]);
    await batch([
      { orderId: 'o-6', amount: 99 },
      { orderId: 'o-7', amount: 1 },
    ]);
    await batch([
      { orderId: null, amount: 20 },
      { orderId: 'o-9', amount: 42 },
    ]);
    const { rules } = await quality();
    const failing = rules.find(r => r.rule === FAILING_RULE)!;
    const passing = rules.find(r => r.rule === PASSING_RULE)!;
    expect(failing.lastCheck).toMatchObject({ passed: false, value: 1 });
    expect(passing.lastCheck).toMatchObject({ passed: true, value: 0 });
    // The owner may read samples: the failing records are shown.
    expect(failing.failingExamples.length).toBeGreaterThan(0);

    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${orders}/live`,
    );
    const section = page.getByTestId('quality-section');
    await page.getByTestId(`quality-chart-${FAILING_RULE}`).waitFor();
    await page.getByTestId(`quality-chart-${PASSING_RULE}`).waitFor();
    const failingRow = page.getByTestId(`quality-rule-${FAILING_RULE}`);
    const passingRow = page.getByTestId(`quality-rule-${PASSING_RULE}`);
    await failingRow.getByText('failing', { exact: true }).waitFor();
    await passingRow.getByText('passing', { exact: true }).waitFor();
    expect(await failingRow.textContent()).toContain(
      'Pass rate 50% over 4 checks',
    );
    expect(await passingRow.textContent()).toContain(
      'Pass rate 100% over 4 checks',
    );
    expect(await failingRow.textContent()).toContain('Failing examples');
    expect(
      await page
        .getByTestId(`quality-chart-${FAILING_RULE}`)
        .getAttribute('aria-label'),
    ).toBe(
      `Pass rate of ${FAILING_RULE} over the last 4 checks: 0%, 100%, 100%, 0%`,
    );
    expect(await page.getByTestId('quality-conformance').textContent()).toMatch(
      /Schema conformance: 9 of 9 records checked matched the registered schema/,
    );
    // The whole Quality card: its heading, the rules and their charts.
    const card = page.locator('.MuiCard-root').filter({ has: section }).last();
    await card.scrollIntoViewIfNeeded();
    await shoot(card, 'quality-chart');
  });

  it('flags the product as failing in the Checks column of the discovery page', async () => {
    await page.goto(`${backend.baseUrl}/data-mesh`);
    await searchField(page).fill(run);
    const row = page.locator('tr').filter({
      has: page.getByRole('link', { name: ordersProduct.metadata.title! }),
    });
    await row.waitFor();
    await row.getByText('failing', { exact: true }).waitFor();
    // The only product of this run so far: the search leaves it alone.
    await page.getByText('Data products (1)', { exact: true }).waitFor();
    expect(
      await page.getByRole('columnheader', { name: 'Checks' }).count(),
    ).toBe(1);
    // Without the search, the failing products only (the catalog pages
    // them), and the filter in the URL.
    await searchField(page).fill('');
    await pick(page, 'Quality checks', 'failing');
    await page.waitForURL(
      /filters%5Bchecks%5D=failing|filters\[checks\]=failing/,
    );
    await row.waitFor();
    await shoot(page, 'quality-status');
    const failing = await owner.request<{ items: string[] }>(
      'GET',
      '/api/data-mesh/quality-status/failing',
    );
    expect(failing.body.items).toContain(`dataproduct:default/${orders}`);
    // This backend's catalog holds this run's products only.
    expect(await productTitles(page)).toEqual([ordersProduct.metadata.title]);
  });

  it('shows the drift between declared and observed lineage on the Lineage tab', async () => {
    await publish(derivedProduct);
    // The processor's group reads another topic than its declared input,
    // and commits its offsets there.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: scratchTopic,
      messages: [{ value: 'a' }, { value: 'b' }],
    });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: processorGroup });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: scratchTopic, fromBeginning: true });
      let read = 0;
      const done = new Promise<void>(resolve => {
        void consumer.run({
          autoCommit: true,
          eachMessage: async () => {
            if (++read === 2) resolve();
          },
        });
      });
      await done;
      await consumer.commitOffsets([
        { topic: scratchTopic, partition: 0, offset: '2' },
      ]);
    } finally {
      await consumer.disconnect();
    }
    const committed = await fixtures.withAdmin(admin =>
      admin.fetchOffsets({ groupId: processorGroup, topics: [scratchTopic] }),
    );
    expect(committed[0].partitions[0].offset).toBe('2');

    const drift = page.getByTestId('lineage-drift');
    await eventually(
      async () => {
        await page.goto(
          `${backend.baseUrl}/catalog/default/dataproduct/${derived}/lineage`,
        );
        // The declared input shows as unread before the group is seen.
        await drift
          .getByText(`Read but not declared: ${scratchTopic}`)
          .waitFor({ timeout: 5000 });
      },
      { deadlineMs: 120_000, intervalMs: 2000 },
    );
    const text = await drift.textContent();
    expect(text).toContain(
      `Observed lineage differs from the declared inputs (consumer groups of the processor: ${processorGroup})`,
    );
    expect(text).toContain(`Declared but not read:`);
    expect(text).toContain(ordersTopic);
    expect(text).toContain(`Read but not declared: ${scratchTopic}`);
    await drift.scrollIntoViewIfNeeded();
    await shoot(page, 'lineage-drift');
  });
});
