import type {
  DataProductEntity,
  ProductHealthResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { testResults } from './repoPaths';
import {
  BrowserPortal,
  startBrowserPortal,
} from './__testUtils__/browserPortal';
import { StackFixtures } from './__testUtils__/stackFixtures';

// The root cause of a stale derived product on its Live tab, in a real
// Chromium against the built portal: a chain of three products whose
// source stopped three hours ago; the report at the end of the chain is
// stale, and its Live tab names the source two steps upstream. The
// screenshot is the README's.
jest.setTimeout(240_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-root-cause-${run}`;

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
  const fixtures = new StackFixtures();
  let portal: BrowserPortal;

  beforeAll(async () => {
    fixtures.track({ topics: [registryTopic] });
    const topics = Object.values(names).map(topicOf);
    await fixtures.createTopics(...topics);
    // Each product's newest record: the source stopped 3 h ago, the
    // products built from it soon after.
    const now = Date.now();
    const age = [3 * HOUR, 2.9 * HOUR, 2.8 * HOUR];
    for (const [i, topic] of topics.entries()) {
      const id = await fixtures.registerAvro(topic, schema);
      const at = now - age[i];
      await fixtures.produce(topic, id, [{ value: { at }, timestamp: at }]);
    }

    portal = await startBrowserPortal(OWNER, { dataMesh: { registryTopic } });
    // One after another: an input must be in the catalog to be named.
    const { api } = portal;
    await api.publish(product(names.source, `Clicks ${run}`));
    await api.publish(product(names.sessions, `Sessions ${run}`, names.source));
    await api.publish(
      product(names.report, `Session report ${run}`, names.sessions),
    );
  }, 420_000);

  afterAll(async () => {
    await portal?.stop();
    await fixtures.cleanUp();
  });

  it('names the source two steps upstream on the Live tab of the stale report', async () => {
    const { api, backend, page } = portal;
    const { status, body } = await api.request<ProductHealthResponse>(
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
