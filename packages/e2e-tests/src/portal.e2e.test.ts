import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  DATA_MESH_API_VERSION,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  createKafka,
  createSchemaRegistry,
  ensureRegistryTopic,
  publishDescriptor,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import { launchChromium } from './browser';
import { buildApp } from './buildApp';
import { testResults } from './repoPaths';
import {
  pick,
  searchField,
  unpick,
  waitForTitles,
} from './__testUtils__/discoveryPage';

// The whole portal in a real Chromium: the built frontend served by the real
// backend, reading a product published to the real Kafka and registry.
jest.setTimeout(120_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-${run}`;
const ordersTopic = `e2e.orders-placed-${run}.v1`;
const orders = `orders-placed-${run}`;
const sales = `sales-by-product-${run}`;

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'commerce',
  fields: [
    { name: 'orderId', type: 'string', doc: 'Order number' },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'country', type: 'string' },
        ],
      },
    },
    { name: 'amountCents', type: 'long' },
  ],
};

function product(
  name: string,
  topic: string,
  spec: Partial<DataProductEntity['spec']> = {},
): DataProductEntity {
  return {
    apiVersion: DATA_MESH_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name,
      title: name.startsWith('orders') ? 'Orders placed' : 'Sales by product',
      description: 'Every order placed in the web shop, in real time.',
      tags: ['orders'],
    },
    spec: {
      owner: 'group:default/checkout-team',
      domain: 'commerce',
      lifecycle: 'production',
      output: { cluster: 'local', topic, format: 'avro' },
      sla: {
        tier: 'tier-1',
        availability: 99.9,
        freshness: 'PT5M',
        supportHours: '24x7',
        onCall: 'https://oncall.example.com/checkout',
      },
      quality: 'curated',
      classification: 'confidential',
      piiFields: ['customer.email'],
      ...spec,
    },
  };
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({
    path: path.join(screenshots, `${name}.png`),
    fullPage: true,
  });
}

describe('the portal in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;
  let page: Page;
  // Fixtures (topics, records, descriptors) as the broker's admin; the
  // backend connects as the portal (startBackend's default).
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });

  beforeAll(async () => {
    buildApp();
    const registry = createSchemaRegistry({
      url:
        process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
        'http://localhost:8081/apis/ccompat/v7',
    });
    const admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [{ topic: ordersTopic, numPartitions: 2, replicationFactor: 1 }],
    });
    await ensureRegistryTopic(admin, registryTopic);
    await admin.disconnect();
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
      { subject: `${ordersTopic}-value` },
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: ordersTopic,
      messages: await Promise.all(
        [1, 2, 3].map(async i => ({
          key: `o-${i}`,
          value: await registry.encode(id, {
            orderId: `o-${i}`,
            customer: { email: `shopper${i}@example.com`, country: 'NL' },
            amountCents: 1000 * i,
          }),
        })),
      ),
    });
    await publishDescriptor(
      producer,
      registryTopic,
      product(orders, ordersTopic),
    );
    await publishDescriptor(
      producer,
      registryTopic,
      product(sales, `e2e.sales-${run}.v1`, {
        inputs: [`dataproduct:default/${orders}`],
        sla: {
          tier: 'tier-2',
          availability: 99.99,
          freshness: 'PT1M',
          supportHours: '24x7',
          onCall: 'https://oncall.example.com/sales',
        },
      }),
    );
    await producer.disconnect();

    backend = await startBackend({ dataMesh: { registryTopic } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(backend.baseUrl);
    // Guest sign-in: a reader who is not in the owning team.
    await page.getByRole('button', { name: /enter/i }).click();
    // Signed in once the app shell (the sidebar) is there.
    await page.getByRole('link', { name: 'Data mesh' }).first().waitFor();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [ordersTopic, registryTopic] })
      .catch(() => undefined);
    await admin.disconnect();
  });

  it('shows published products on the discovery page and filters them', async () => {
    await page.goto(`${backend.baseUrl}/data-mesh`);
    await page.getByRole('link', { name: 'Orders placed' }).waitFor();
    await page.getByRole('link', { name: 'Sales by product' }).waitFor();
    await shoot(page, 'discovery');
    await pick(page, 'SLA tier', 'tier-2');
    await waitForTitles(page, ['Sales by product']);
    await unpick(page, 'SLA tier');
    await waitForTitles(page, ['Orders placed', 'Sales by product']);
    await searchField(page).fill('Orders');
    await waitForTitles(page, ['Orders placed']);
    await searchField(page).fill('Sales by');
    await waitForTitles(page, ['Sales by product']);
  });

  it('opens a derived product: effective SLA limited by its input', async () => {
    await page.getByRole('link', { name: 'Sales by product' }).click();
    await page
      .getByText(/limited by|weaker/i)
      .first()
      .waitFor();
    expect(await page.getByText(orders).count()).toBeGreaterThan(0);
    await shoot(page, 'product-overview');
  });

  it('shows the schema with PII badges from the registry', async () => {
    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${orders}/schema`,
    );
    await page.getByText('customer.email').first().waitFor();
    expect(await page.getByText('amountCents').count()).toBeGreaterThan(0);
    await shoot(page, 'product-schema');
  });

  it('shows live health, and sample messages with PII masked for a non-owner', async () => {
    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${orders}/live`,
    );
    await page.getByText('Personal data fields are masked.').waitFor();
    const body = await page.content();
    expect(body).not.toContain('shopper1@example.com');
    expect(body).toContain('NL');
    await shoot(page, 'product-live');
  });

  it('shows lineage with the tier and freshness of each product node', async () => {
    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${orders}/lineage`,
    );
    await page
      .getByRole('link', { name: /sales-by-product|Sales by product/ })
      .first()
      .waitFor();
    // The catalog graph draws its nodes as SVG text once it has loaded;
    // each product node carries its tier and live freshness.
    await page
      .locator('svg text', { hasText: 'Sales by product' })
      .first()
      .waitFor();
    const fresh = page.locator('svg text', { hasText: 'tier-1 · fresh' });
    await fresh.first().waitFor();
    expect(await fresh.count()).toBeGreaterThan(0);
    await shoot(page, 'product-lineage');
  });
});
