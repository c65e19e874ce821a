import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { testKafka, testMeshOptions } from './__testUtils__/testMesh';
import { loadDemoProducts } from './mesh/demoProducts';
import { PRODUCTS } from './mesh/productNames';
import { startDemoRuntime } from './runtime';
import { seedDemoMesh } from './seed';
import { IsolatedStack, startIsolated } from '@kafka-mesh/local-stack';

// The demo runtime across a broker restart, on a private stack: its
// generators and stream processors must resume on their own, or the demo's
// freshness would read "breached" after every outage.
jest.setTimeout(240_000);

describe('the demo runtime when Kafka restarts', () => {
  let isolated: IsolatedStack;

  afterAll(async () => {
    await isolated?.down();
  });

  it('keeps producing source and derived products after Kafka is back', async () => {
    isolated = await startIsolated();
    // The private stack's own principals and passwords.
    const options = {
      ...testMeshOptions(),
      clientFor: (principal: string) => isolated.clientConfig(principal),
      registryUrl: isolated.registryUrl,
    };
    const kafka = testKafka(options);
    const products = loadDemoProducts(options);
    const topicOf = (name: string) =>
      products.find(p => p.name === name)!.topic;
    // A source product and one its stream processor derives.
    const watched = [PRODUCTS.ordersPlaced, PRODUCTS.highValueOrders];

    const counts = async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const result: Record<string, number> = {};
        for (const name of watched) {
          result[name] = (await admin.fetchTopicOffsets(topicOf(name))).reduce(
            (sum, p) => sum + Number(p.high),
            0,
          );
        }
        return result;
      } finally {
        await admin.disconnect();
      }
    };

    await seedDemoMesh(options);
    const runtime = await startDemoRuntime({
      ...options,
      tickMs: 250,
      dashboardRefreshMs: 500,
      processorTiming: { salesFlushMs: 500 },
    });
    try {
      await eventually(async () => {
        const now = await counts();
        for (const name of watched)
          expect([name, now[name] > 0]).toEqual([name, true]);
      });

      await isolated.stopPart('kafka');
      await new Promise(resolve => setTimeout(resolve, 5000));
      await isolated.startPart('kafka');

      const afterRestart = await eventually(() => counts(), {
        deadlineMs: 60_000,
        intervalMs: 1000,
      });
      // Produced again after the restart, by the generators and the
      // processor alike, without restarting the runtime.
      await eventually(
        async () => {
          const now = await counts();
          for (const name of watched) {
            expect([name, now[name] > afterRestart[name]]).toEqual([
              name,
              true,
            ]);
          }
        },
        { deadlineMs: 60_000, intervalMs: 1000 },
      );
    } finally {
      await runtime.stop();
    }
  });
});
