import { NotFoundError } from '@backstage/errors';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { KafkaCluster } from '@kafka-mesh/plugin-data-mesh-node';
import { readNewestRecordAt } from './newestRecords';
import { ProductsFreshness, topicsByCluster } from './productsFreshness';

// The Kafka read itself is covered by freshness.integration.test.ts; here it
// is replaced to count how often the batching and caching ask for it.
jest.mock('./newestRecords', () => ({ readNewestRecordAt: jest.fn() }));
const readNewest = readNewestRecordAt as jest.MockedFunction<
  typeof readNewestRecordAt
>;

const now = Date.parse('2026-01-01T12:00:00.000Z');
const MINUTE = 60_000;

function product(
  name: string,
  topic: string,
  { cluster = 'local', freshness = 'PT5M' } = {},
): DataProductEntity {
  const entity = makeDataProduct(name, topic);
  return {
    ...entity,
    spec: {
      ...entity.spec,
      output: { ...entity.spec.output, cluster },
      sla: { ...entity.spec.sla, freshness },
    },
  };
}

/** An in-memory cache that never expires within a test. */
function memoryCache() {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: jest.fn(async (key: string) => entries.get(key)) as any,
    set: jest.fn(async (key: string, value: unknown) => {
      entries.set(key, value);
    }),
  };
}

function setup() {
  const cache = memoryCache();
  const clusters = new Map(
    ['local', 'other'].map(name => [name, { name } as KafkaCluster]),
  );
  const freshness = new ProductsFreshness({
    kafka: {
      cluster: name => {
        const found = clusters.get(name);
        if (!found) throw new NotFoundError(`no cluster ${name}`);
        return found;
      },
    },
    cache,
    ttlMs: 5000,
    tailDeadlineMs: 1000,
    connectTimeoutMs: 1000,
    now: () => now,
  });
  return { cache, freshness };
}

/** Newest records at the given ages (ms) per topic; absent → none. */
function newestAt(ages: Record<string, number>) {
  return async (_cluster: KafkaCluster, topics: readonly string[]) =>
    new Map(
      topics.map(t => [t, t in ages ? now - ages[t] : undefined] as const),
    );
}

beforeEach(() => readNewest.mockReset());

describe('topicsByCluster', () => {
  it('groups the output topics by cluster, each once', () => {
    expect(
      topicsByCluster([
        product('a', 't1'),
        product('b', 't2', { cluster: 'other' }),
        product('c', 't1'),
        product('d', 't3'),
      ]),
    ).toEqual(
      new Map([
        ['local', ['t1', 't3']],
        ['other', ['t2']],
      ]),
    );
  });
});

describe('ProductsFreshness', () => {
  it('judges every product against its own SLA, one read per cluster', async () => {
    readNewest.mockImplementation(
      newestAt({ t1: 2 * MINUTE, t2: 50 * MINUTE, t3: 2 * 60 * MINUTE }),
    );
    const { freshness } = setup();
    const items = await freshness.read(
      new Map([
        ['fresh', product('fresh', 't1')],
        [
          'same topic, tighter SLA',
          product('tight', 't1', { freshness: 'PT1M' }),
        ],
        [
          'at risk',
          product('risk', 't2', { cluster: 'other', freshness: 'PT1H' }),
        ],
        ['breached', product('late', 't3', { freshness: 'PT1H' })],
        ['empty', product('empty', 't4')],
      ]),
    );
    expect(items).toEqual({
      fresh: {
        status: 'ok',
        newestRecordAt: '2026-01-01T11:58:00.000Z',
        ageMs: 2 * MINUTE,
        slaFreshness: 'PT5M',
      },
      'same topic, tighter SLA': {
        status: 'breached',
        newestRecordAt: '2026-01-01T11:58:00.000Z',
        ageMs: 2 * MINUTE,
        slaFreshness: 'PT1M',
      },
      'at risk': {
        status: 'at-risk',
        newestRecordAt: '2026-01-01T11:10:00.000Z',
        ageMs: 50 * MINUTE,
        slaFreshness: 'PT1H',
      },
      breached: {
        status: 'breached',
        newestRecordAt: '2026-01-01T10:00:00.000Z',
        ageMs: 2 * 60 * MINUTE,
        slaFreshness: 'PT1H',
      },
      empty: { status: 'unknown', slaFreshness: 'PT5M' },
    });
    expect(
      readNewest.mock.calls.map(([c, topics]) => [c.name, topics]),
    ).toEqual([
      ['local', ['t1', 't3', 't4']],
      ['other', ['t2']],
    ]);
  });

  it('reuses what it read for the next requests, empty topics included', async () => {
    readNewest.mockImplementation(newestAt({ t1: MINUTE }));
    const { freshness, cache } = setup();
    const products = new Map([
      ['a', product('a', 't1')],
      ['b', product('b', 't2')],
    ]);
    const first = await freshness.read(products);
    const second = await freshness.read(products);
    expect(second).toEqual(first);
    expect(readNewest).toHaveBeenCalledTimes(1);
    expect(cache.set).toHaveBeenCalledWith(
      'newest:local/t2',
      { newestAt: null },
      { ttl: 5000 },
    );
  });

  it('reads only the topics the cache lacks', async () => {
    readNewest.mockImplementation(newestAt({ t1: MINUTE, t2: MINUTE }));
    const { freshness } = setup();
    await freshness.read(new Map([['a', product('a', 't1')]]));
    await freshness.read(
      new Map([
        ['a', product('a', 't1')],
        ['b', product('b', 't2')],
      ]),
    );
    expect(readNewest.mock.calls.map(([, topics]) => topics)).toEqual([
      ['t1'],
      ['t2'],
    ]);
  });

  it('shares a read under way between concurrent requests', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    readNewest.mockImplementation(async (cluster, topics) => {
      await gate;
      return newestAt({ t1: MINUTE })(cluster, topics);
    });
    const { freshness } = setup();
    const products = new Map([['a', product('a', 't1')]]);
    const viewers = Array.from({ length: 5 }, () => freshness.read(products));
    // Let every request get past its cache lookup before the read ends.
    await new Promise(resolve => setImmediate(resolve));
    release();
    const answers = await Promise.all(viewers);
    expect(readNewest).toHaveBeenCalledTimes(1);
    expect(answers.every(a => a.a.status === 'ok')).toBe(true);
  });

  it('knows nothing of a cluster that is not configured, without failing the others', async () => {
    readNewest.mockImplementation(newestAt({ t1: MINUTE }));
    const { freshness } = setup();
    const items = await freshness.read(
      new Map([
        ['known', product('a', 't1')],
        ['elsewhere', product('b', 't1', { cluster: 'nowhere' })],
      ]),
    );
    expect(items.known.status).toBe('ok');
    expect(items.elsewhere).toEqual({
      status: 'unknown',
      slaFreshness: 'PT5M',
    });
  });

  it('fails when Kafka fails, and keeps nothing of the failed read', async () => {
    readNewest.mockRejectedValueOnce(new Error('broker down'));
    readNewest.mockImplementation(newestAt({ t1: MINUTE }));
    const { freshness, cache } = setup();
    const products = new Map([['a', product('a', 't1')]]);
    await expect(freshness.read(products)).rejects.toThrow('broker down');
    expect(cache.set).not.toHaveBeenCalled();
    await expect(freshness.read(products)).resolves.toMatchObject({
      a: { status: 'ok' },
    });
    expect(readNewest).toHaveBeenCalledTimes(2);
  });
});
