import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  cleanupTestMesh,
  testKafka,
  testMeshOptions,
} from './__testUtils__/testMesh';
import { SALES_DASHBOARD_GROUP } from './consumers/salesDashboard';
import { loadDemoProducts } from './mesh/demoProducts';
import { PRODUCTS } from './mesh/productNames';
import { groupIdOf } from './options';
import { startDemoRuntime } from './runtime';
import { seedDemoMesh } from './seed';

jest.setTimeout(120_000);

// The whole demo runtime in this process on the real stack, sped up.

const options = testMeshOptions();
const kafka = testKafka(options);
const products = loadDemoProducts(options);
const runtimeOptions = {
  ...options,
  tickMs: 250,
  dashboardRefreshMs: 500,
  processorTiming: {
    salesFlushMs: 500,
    shrinkageWindowMs: 2_000,
    shrinkageGraceMs: 500,
    shrinkageTickMs: 500,
  },
};

async function recordCounts(): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const { name, topic } of products) {
      counts[name] = (await admin.fetchTopicOffsets(topic)).reduce(
        (sum, p) => sum + Number(p.high) - Number(p.low),
        0,
      );
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

describe('the demo runtime', () => {
  beforeAll(() => seedDemoMesh(options));
  afterAll(() => cleanupTestMesh(options));

  it('fills every product, feeds the dashboard, and stops cleanly', async () => {
    const runtime = await startDemoRuntime(runtimeOptions);
    try {
      // Every record went through the registry's schema for its product:
      // one that did not fit would have failed the send.
      await eventually(async () => {
        const counts = await recordCounts();
        for (const { name } of products) {
          expect({ name, filled: counts[name] > 0 }).toEqual({
            name,
            filled: true,
          });
        }
      });
      await eventually(async () =>
        expect(await runtime.statusLine()).toMatch(
          /sales-dashboard read [1-9]\d* \(lag \d+\)/,
        ),
      );
      const admin = kafka.admin();
      await admin.connect();
      const [dashboard] = await admin.fetchOffsets({
        groupId: groupIdOf(options, SALES_DASHBOARD_GROUP),
        topics: [products.find(p => p.name === PRODUCTS.recentSales)!.topic],
      });
      await admin.disconnect();
      expect(dashboard.partitions.some(p => Number(p.offset) > 0)).toBe(true);
    } finally {
      await runtime.stop();
    }
  });

  it('writes the paused page views only once', async () => {
    const before = (await recordCounts())[PRODUCTS.pageViews];
    expect(before).toBeGreaterThan(0);
    const runtime = await startDemoRuntime(runtimeOptions);
    await runtime.stop();
    expect((await recordCounts())[PRODUCTS.pageViews]).toBe(before);
  });
});
