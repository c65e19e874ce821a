import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from '../access/AccessStore';
import { QualityStore, RunRecord } from './QualityStore';

jest.setTimeout(60_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function createStore() {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({ directory: migrationsDir() });
  return new QualityStore(knex);
}

const P = 'dataproduct:default/orders';

function run(patch: Partial<RunRecord> = {}): RunRecord {
  return {
    product: P,
    topic: 'orders.v1',
    checkedAt: '2026-01-01T00:00:00.000Z',
    records: 3,
    nonconforming: 1,
    skipped: 0,
    results: [
      {
        rule: 'id-present',
        metric: 'nullValues',
        severity: 'error',
        value: 1,
        passed: false,
        checked: 2,
        failingExamples: [{ id: null, email: '***' }],
      },
      {
        rule: 'fresh',
        metric: 'freshness',
        severity: 'warning',
        value: 2,
        passed: true,
        checked: 2,
      },
    ],
    cursors: [
      { partition: 0, nextOffset: 10n, newestAt: Date.UTC(2026, 0, 1) },
      { partition: 1, nextOffset: 12345678901234n },
    ],
    ...patch,
  };
}

describe('QualityStore', () => {
  it('stores a run with its offsets and reads them back', async () => {
    const store = await createStore();
    expect(await store.cursorOf(P)).toBeUndefined();
    await store.recordRun(run());
    const cursor = await store.cursorOf(P);
    expect(cursor?.topic).toBe('orders.v1');
    expect(cursor?.partitions.get(0)).toEqual({
      next: 10n,
      newestAt: Date.UTC(2026, 0, 1),
    });
    expect(cursor?.partitions.get(1)).toEqual({ next: 12345678901234n });
    expect(cursor?.newestAt).toBe(Date.UTC(2026, 0, 1));
    expect(await store.lastPassed(P)).toEqual(
      new Map([
        ['id-present', false],
        ['fresh', true],
      ]),
    );
    expect(await store.lastRunTimes()).toEqual(
      new Map([[P, '2026-01-01T00:00:00.000Z']]),
    );
  });

  it('moves offsets forward and replaces those of an old topic', async () => {
    const store = await createStore();
    await store.recordRun(run());
    await store.recordRun(
      run({
        checkedAt: '2026-01-01T00:01:00.000Z',
        cursors: [{ partition: 0, nextOffset: 20n }],
      }),
    );
    expect((await store.cursorOf(P))?.partitions.get(0)?.next).toBe(20n);
    await store.recordRun(
      run({
        topic: 'orders.v2',
        checkedAt: '2026-01-01T00:02:00.000Z',
        cursors: [{ partition: 0, nextOffset: 1n }],
      }),
    );
    const cursor = await store.cursorOf(P);
    expect(cursor?.topic).toBe('orders.v2');
    expect([...cursor!.partitions.keys()]).toEqual([0]);
  });

  it('gives series, conformance and statuses, and prunes', async () => {
    const store = await createStore();
    for (let i = 0; i < 5; i++) {
      await store.recordRun(
        run({
          checkedAt: `2026-01-01T00:0${i}:00.000Z`,
          results: [
            {
              rule: 'id-present',
              metric: 'nullValues',
              severity: 'error',
              value: i % 2,
              passed: i % 2 === 0,
              checked: 2,
              ...(i % 2 ? { failingExamples: [{ n: i }] } : {}),
            },
          ],
        }),
      );
    }
    const [series] = await store.series(P, '2026-01-01T00:01:00.000Z', 3);
    expect(series.rule).toBe('id-present');
    expect(series.points.map(p => p.checkedAt)).toEqual([
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
      '2026-01-01T00:04:00.000Z',
    ]);
    expect(series.points.map(p => p.passed)).toEqual([true, false, true]);
    expect(series.failingExamples).toEqual([{ n: 3 }]);
    expect(await store.conformance(P, '2026-01-01T00:03:00.000Z')).toEqual({
      records: 6,
      nonconforming: 2,
      skipped: 0,
      lastRunAt: '2026-01-01T00:04:00.000Z',
    });
    expect(await store.statusOf([P, 'dataproduct:default/other'])).toEqual(
      new Map([
        [P, { failingRules: [], lastCheckedAt: '2026-01-01T00:04:00.000Z' }],
      ]),
    );
    expect(await store.prune('2026-01-01T00:03:00.000Z')).toBe(6);
    expect(
      (await store.series(P, '2000-01-01T00:00:00.000Z', 10))[0].points,
    ).toHaveLength(2);
    // Offsets are not history: they stay.
    expect(await store.cursorOf(P)).toBeDefined();
  });

  it('names the products whose newest check of a rule failed, and forgets verdicts past the retention', async () => {
    const store = await createStore();
    const result = (rule: string, passed: boolean) => ({
      rule,
      metric: 'nullValues' as const,
      severity: 'error' as const,
      value: passed ? 0 : 1,
      passed,
      checked: 1,
    });
    const products = ['a', 'b', 'c'].map(n => `dataproduct:default/${n}`);
    const [a, b, c] = products;
    // a: failed, then passed. b: one rule passes, the other fails now.
    // c: failed in a run that stored only one of its rules.
    await store.recordRun(
      run({
        product: a,
        checkedAt: '2026-01-01T00:00:00.000Z',
        results: [result('x', false)],
      }),
    );
    await store.recordRun(
      run({
        product: a,
        checkedAt: '2026-01-01T00:01:00.000Z',
        results: [result('x', true)],
      }),
    );
    await store.recordRun(
      run({
        product: b,
        checkedAt: '2026-01-01T00:01:00.000Z',
        results: [result('x', true), result('y', false)],
      }),
    );
    await store.recordRun(
      run({
        product: c,
        checkedAt: '2026-01-01T00:00:00.000Z',
        results: [result('x', true), result('y', true)],
      }),
    );
    await store.recordRun(
      run({
        product: c,
        checkedAt: '2026-01-01T00:02:00.000Z',
        results: [result('y', false)],
      }),
    );
    expect(await store.failingProducts(10)).toEqual({
      products: [b, c],
      truncated: false,
    });
    expect(await store.failingProducts(1)).toEqual({
      products: [b],
      truncated: true,
    });
    expect((await store.statusOf([c])).get(c)).toEqual({
      failingRules: ['y'],
      lastCheckedAt: '2026-01-01T00:02:00.000Z',
    });
    await store.prune('2026-01-01T00:01:30.000Z');
    expect(await store.failingProducts(10)).toEqual({
      products: [c],
      truncated: false,
    });
    expect((await store.statusOf([a, b])).size).toBe(0);
  });
});
