import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { findRootCause, RootCauseSources } from './rootCause';

const product = (name: string, inputs: string[] = []) =>
  makeDataProduct(name, `t.${name}`, { inputs });

function sources(
  products: DataProductEntity[],
  breached: string[],
  lag: Record<string, number> = {},
): RootCauseSources {
  const byName = new Map(products.map(p => [p.metadata.name, p]));
  return {
    inputsOf: async e =>
      (e.spec.inputs ?? []).map(i => byName.get(i.split('/').pop()!)!),
    freshnessOf: async e => ({
      status: breached.includes(e.metadata.name) ? 'breached' : 'ok',
      slaMs: 300_000,
      ageMs: breached.includes(e.metadata.name) ? 3_600_000 : 1000,
    }),
    processorLagOf: async e =>
      lag[e.metadata.name] !== undefined
        ? [
            {
              groupId: `${e.metadata.name}-proc`,
              totalLag: lag[e.metadata.name],
            },
          ]
        : [],
  };
}

describe('findRootCause', () => {
  const pageViews = product('page-views');
  const sessions = product('sessions', ['page-views']);
  const funnel = product('funnel', ['orders', 'sessions']);
  const orders = product('orders');
  const all = [pageViews, sessions, funnel, orders];

  it('names the deepest breached upstream product', async () => {
    expect(
      await findRootCause(funnel, sources(all, ['page-views', 'sessions'])),
    ).toEqual({
      product: 'dataproduct:default/page-views',
      reason: 'upstream-breached',
      detail:
        'dataproduct:default/page-views is itself stale: its newest record is 1 h old, its SLA promises 5 min',
      path: [
        'dataproduct:default/funnel',
        'dataproduct:default/sessions',
        'dataproduct:default/page-views',
      ],
    });
  });

  it('names a product whose processor lags when its inputs are fresh', async () => {
    expect(
      await findRootCause(funnel, sources(all, ['sessions'], { sessions: 42 })),
    ).toMatchObject({
      product: 'dataproduct:default/sessions',
      reason: 'processor-lagging',
      detail: expect.stringContaining('sessions-proc is 42 records behind'),
    });
    expect(
      await findRootCause(funnel, sources(all, [], { funnel: 1 })),
    ).toMatchObject({
      product: 'dataproduct:default/funnel',
      reason: 'processor-lagging',
    });
  });

  it('finds nothing when everything upstream is fine, and survives failing sources and cycles', async () => {
    expect(await findRootCause(funnel, sources(all, []))).toBeUndefined();
    const failing = sources(all, []);
    failing.inputsOf = async () => {
      throw new Error('catalog down');
    };
    expect(await findRootCause(funnel, failing)).toBeUndefined();
    const a = product('a', ['b']);
    const b = product('b', ['a']);
    expect(await findRootCause(a, sources([a, b], ['a', 'b']))).toMatchObject({
      product: 'dataproduct:default/b',
    });
  });
});
