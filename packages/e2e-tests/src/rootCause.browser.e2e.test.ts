import { SchemaType } from '@kafkajs/confluent-schema-registry';
import type {
  DataProductEntity,
  ProductHealthResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createSchemaRegistry,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import { launchChromium } from './browser';
import { buildApp } from './buildApp';
import { testResults } from './repoPaths';
import { signedInContext } from './__testUtils__/browserUser';
import { PortalApi } from './__testUtils__/portalApi';

// The root cause of a stale derived product on its Live tab, in a real
// Chromium against the built portal: a chain of three products whose
// source stopped three hours ago; the report at the end of the chain is
// stale, and its Live tab names the source two steps upstream. The
// screenshot is the README's.
jest.setTimeout(240_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-root-cause-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const OWNER = 'amara.okafor'; // checkout-team
const HOUR = 3_600_000;

const names = {
  source: `clicks-${run}`,
  sessions: `sessions-${run}`,
  report: `session-report-${run}`,
};
const topicOf = (name: string) => `commerce.${name}.v1`;
const refOf = (name: string) => `dataproduct:default/${name}`;

const schema = {
  type: 'record',
  name: 'Event',
  namespace: 'e2e.rootcause',
  fields: [{ name: 'at', type: 'long' }],
};

function product(name: string, title: string, input?: string) {
  const descriptor: DataProductEntity = makeDataProduct(name, topicOf(name), {
    ...(input && { inputs: [refOf(input)] }),
  } as Partial<DataProductEntity['spec']>);
  descriptor.metadata.title = title;
  descriptor.spec.sla = { ...descriptor.spec.sla, freshness: 'PT15M' };
  return descriptor;
}

describe('the root cause of a stale product in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: PortalApi;
  let admin: Admin;
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const registry = createSchemaRegistry({ url: registryUrl });

  beforeAll(async () => {
    // A no-op within a jest run: the global setup built the app once.
    buildApp();
    admin = kafka.admin();
    await admin.connect();
    const topics = Object.values(names).map(topicOf);
    await createTopics(admin, {
      topics: topics.map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    // Each product's newest record: the source stopped 3 h ago, the
    // products built from it soon after.
    const producer = kafka.producer();
    await producer.connect();
    try {
      const now = Date.now();
      const newest = [3 * HOUR, 2.9 * HOUR, 2.8 * HOUR];
      for (const [i, name] of Object.values(names).entries()) {
        const { id } = await registry.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
          { subject: `${topicOf(name)}-value` },
        );
        const at = now - newest[i];
        await producer.send({
          topic: topicOf(name),
          messages: [
            {
              value: await registry.encode(id, { at }),
              timestamp: String(at),
            },
          ],
        });
      }
    } finally {
      await producer.disconnect();
    }

    backend = await startBackend({ dataMesh: { registryTopic } });
    owner = await eventually(() => PortalApi.signInAs(backend.baseUrl, OWNER), {
      deadlineMs: 120_000,
      intervalMs: 1000,
    });
    // One after another: an input must be in the catalog to be named.
    await owner.publish(product(names.source, `Clicks ${run}`));
    await owner.publish(
      product(names.sessions, `Sessions ${run}`, names.source),
    );
    await owner.publish(
      product(names.report, `Session report ${run}`, names.sessions),
    );

    browser = await launchChromium();
    ({ context, page } = await signedInContext(
      browser,
      backend.baseUrl,
      OWNER,
    ));
  }, 420_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await backend?.stop();
    if (admin) {
      await admin
        .deleteTopics({
          topics: [...Object.values(names).map(topicOf), registryTopic],
        })
        .catch(() => undefined);
      await admin.disconnect();
    }
    for (const name of Object.values(names)) {
      await fetch(`${registryUrl}/subjects/${topicOf(name)}-value`, {
        method: 'DELETE',
      }).catch(() => undefined);
    }
  });

  it('names the source two steps upstream on the Live tab of the stale report', async () => {
    const { status, body } = await owner.request<ProductHealthResponse>(
      'GET',
      `/api/data-mesh/products/default/${names.report}/health`,
    );
    expect(status).toBe(200);
    expect(body.freshness.status).toBe('breached');
    expect(body.rootCause).toMatchObject({
      product: refOf(names.source),
      reason: 'upstream-breached',
      path: [refOf(names.report), refOf(names.sessions), refOf(names.source)],
    });

    await page.goto(
      `${backend.baseUrl}/catalog/default/dataproduct/${names.report}/live`,
    );
    const alert = page.getByTestId('root-cause');
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.textContent();
    expect(text).toContain('Root cause:');
    expect(text).toContain('is itself breaching its freshness SLA');
    expect(text).toMatch(
      new RegExp(
        `${refOf(
          names.source,
        )} is itself stale: its newest record is 3 h( \\d+ min)? old, its SLA promises 15 min`,
      ),
    );
    // The link goes to the source's page.
    await alert.getByRole('link').first().click();
    await page.waitForURL(`**/catalog/default/dataproduct/${names.source}**`);
    await page.goBack();
    await alert.waitFor();
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({
      path: path.join(screenshots, 'root-cause.png'),
      fullPage: true,
      animations: 'disabled',
    });
  });
});
