import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { RangeRecord } from '@kafka-mesh/plugin-data-mesh-node';
import { migrationsDir } from '../access/AccessStore';
import { readTail } from '@kafka-mesh/plugin-data-mesh-node';
import { MASK } from '../lib/maskPii';
import { ContractMonitor, MonitoredProduct } from './ContractMonitor';
import { QualityStore } from './QualityStore';

jest.mock('@kafka-mesh/plugin-data-mesh-node', () => ({
  ...jest.requireActual('@kafka-mesh/plugin-data-mesh-node'),
  readTail: jest.fn(),
}));
jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const NOW = Date.UTC(2026, 0, 1, 12);

/** A topic of one partition held in memory; values are JSON. */
class FakeTopic {
  values: Array<unknown> = [];
  down = false;
  push(...values: unknown[]) {
    this.values.push(...values);
  }
}

const product: MonitoredProduct = {
  ref: 'dataproduct:default/orders',
  owner: 'group:default/sales',
  cluster: 'local',
  topic: 'orders.v1',
  subject: 'orders.v1-value',
  piiFields: ['email'],
  rules: [
    { name: 'id-present', metric: 'nullValues', property: 'id', mustBe: 0 },
    {
      name: 'fresh',
      metric: 'freshness',
      mustBeLessOrEqualTo: 300,
      unit: 'seconds',
    },
  ],
};

async function setup(options: { maxPerRun?: number } = {}) {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({ directory: migrationsDir() });
  const store = new QualityStore(knex);
  const topic = new FakeTopic();
  const calls = { offsets: 0, reads: 0 };
  const cluster = {
    name: 'local',
    admin: async () => {
      calls.offsets++;
      if (topic.down) throw new Error('kafka down');
      return [{ partition: 0, low: '0', high: String(topic.values.length) }];
    },
  };
  (readTail as jest.Mock).mockImplementation(async (_c, ranges) => {
    calls.reads++;
    if (topic.down) throw new Error('kafka down');
    const out: RangeRecord[] = [];
    for (const r of ranges) {
      for (let o = r.from; o <= r.last; o++) {
        out.push({
          topic: r.topic,
          partition: r.partition,
          offset: o.toString(),
          timestamp: NOW - 1000,
          key: null,
          value: Buffer.from(JSON.stringify(topic.values[Number(o)])),
        });
      }
    }
    return out;
  });
  const notify = jest.fn(async () => {});
  const monitor = new ContractMonitor({
    store,
    listProducts: async () => [product],
    kafka: { cluster: () => cluster } as any,
    decode: async () => {
      throw new Error('not wire format');
    },
    maskPathsOf: async p => p.piiFields,
    notify,
    logger: mockServices.logger.mock(),
    retentionMs: 7 * 86400_000,
    limits: { maxRecordsPerRun: options.maxPerRun ?? 20_000 },
    now: () => NOW,
  });
  return { store, topic, monitor, notify, calls };
}

describe('ContractMonitor', () => {
  it('checks new records only, stores masked examples, notifies on a break', async () => {
    const { store, topic, monitor, notify } = await setup();
    topic.push({ id: 1, email: 'a@x' }, { id: 2, email: 'b@x' });
    let summary = await monitor.run();
    expect(summary).toMatchObject({ checked: 1, records: 2, failed: 0 });
    expect(await store.lastPassed(product.ref)).toEqual(
      new Map([
        ['id-present', true],
        ['fresh', true],
      ]),
    );

    topic.push({ id: null, email: 'c@x' }, { id: 4, email: 'd@x' });
    summary = await monitor.run();
    // Only the two new records were checked.
    expect(summary.records).toBe(2);
    const series = await store.series(product.ref, '2000-01-01', 10);
    const idPresent = series.find(s => s.rule === 'id-present')!;
    expect(idPresent.points.map(p => [p.value, p.checked])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(idPresent.failingExamples).toEqual([{ id: null, email: MASK }]);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]).toEqual([
      expect.objectContaining({
        failing: [expect.objectContaining({ rule: 'id-present' })],
      }),
    ]);

    // Nothing new: freshness is still checked, record rules are not.
    summary = await monitor.run();
    expect(summary.records).toBe(0);
    const after = await store.series(product.ref, '2000-01-01', 10);
    expect(after.find(s => s.rule === 'fresh')!.points).toHaveLength(3);
    expect(after.find(s => s.rule === 'id-present')!.points).toHaveLength(2);
    // Still failing: no second notification.
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('stores nothing and keeps offsets while Kafka is down', async () => {
    const { store, topic, monitor } = await setup();
    topic.push({ id: 1 });
    await monitor.run();
    topic.push({ id: null });
    topic.down = true;
    const summary = await monitor.run();
    expect(summary).toMatchObject({ checked: 0, failed: 1 });
    expect((await store.cursorOf(product.ref))?.partitions.get(0)?.next).toBe(
      1n,
    );
    topic.down = false;
    expect(await monitor.run()).toMatchObject({ checked: 1, records: 1 });
    expect((await store.cursorOf(product.ref))?.partitions.get(0)?.next).toBe(
      2n,
    );
  });

  it('counts undecodable records as nonconforming', async () => {
    const { store, topic, monitor } = await setup();
    topic.push({ id: 1 });
    // A wire-format value whose schema the registry does not know.
    (readTail as jest.Mock).mockResolvedValueOnce([
      {
        topic: product.topic,
        partition: 0,
        offset: '0',
        timestamp: NOW,
        key: null,
        value: Buffer.from([0, 0, 0, 0, 9, 1, 2]),
      },
    ]);
    const monitor404 = monitor as any;
    monitor404.options.decode = async () => {
      throw Object.assign(new Error('not found'), { status: 404 });
    };
    await monitor.run();
    expect(await store.conformance(product.ref, '2000-01-01')).toMatchObject({
      records: 1,
      nonconforming: 1,
    });
  });

  it('defers products once the run budget is spent', async () => {
    const { topic, monitor } = await setup({ maxPerRun: 1 });
    topic.push({ id: 1 }, { id: 2 });
    expect(await monitor.run()).toMatchObject({ checked: 0, deferred: 1 });
  });
});
