import { stringifyEntityRef } from '@backstage/catalog-model';
import { makeDataProduct } from '../__fixtures__/dataProducts';
import type { DataProductEntity } from '../entity/types';
import {
  computeEffectiveSla,
  createEffectiveSlaCalculator,
} from './computeEffectiveSla';

const ref = (name: string) => `dataproduct:default/${name}`;

/** A lookup over the given products that counts its calls. */
function catalog(...products: DataProductEntity[]) {
  const byRef = new Map(products.map(p => [stringifyEntityRef(p), p]));
  const lookup = jest.fn((r: string) => byRef.get(r));
  return lookup;
}

describe('computeEffectiveSla', () => {
  it('returns the declared SLA for a product without inputs', () => {
    const product = makeDataProduct('a', {
      sla: { tier: 'tier-2', availability: 99.5, freshness: 'PT10M' },
    });
    expect(computeEffectiveSla(ref('a'), catalog(product))).toEqual({
      declared: product.spec.sla,
      effective: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT10M',
        supportHours: '24x7',
      },
      limitedBy: {},
      warnings: [],
      missingInputs: [],
      cycles: [],
    });
  });

  it('takes the weakest value along a chain and names who sets it', () => {
    // a reads b, b reads c
    const lookup = catalog(
      makeDataProduct('a', { inputs: ['b'] }),
      makeDataProduct('b', { inputs: ['c'], sla: { tier: 'tier-3' } }),
      makeDataProduct('c', { sla: { freshness: 'PT15M' } }),
    );
    const result = computeEffectiveSla(ref('a'), lookup);
    expect(result.effective).toEqual({
      tier: 'tier-3',
      availability: 99.9,
      freshness: 'PT15M',
      supportHours: '24x7',
    });
    expect(result.limitedBy).toEqual({ tier: ref('b'), freshness: ref('c') });
    expect(result.warnings).toEqual([
      'declared tier tier-1 is better than tier-3 from dataproduct:default/b',
      'declared freshness PT1M is better than PT15M from dataproduct:default/c',
    ]);

    const middle = computeEffectiveSla(ref('b'), lookup);
    expect(middle.limitedBy).toEqual({ freshness: ref('c') });
  });

  it('credits the nearest product when several upstream promise the same', () => {
    const lookup = catalog(
      makeDataProduct('a', { inputs: ['b'] }),
      makeDataProduct('b', { inputs: ['c'], sla: { tier: 'tier-3' } }),
      makeDataProduct('c', { sla: { tier: 'tier-3' } }),
    );
    expect(computeEffectiveSla(ref('a'), lookup).limitedBy).toEqual({
      tier: ref('b'),
    });
  });

  it('follows every path of a diamond and looks each product up once', () => {
    // a reads b and c, both read d
    const lookup = catalog(
      makeDataProduct('a', { inputs: ['b', 'c'] }),
      makeDataProduct('b', {
        inputs: ['d'],
        sla: { supportHours: 'business-hours' },
      }),
      makeDataProduct('c', { inputs: ['d'], sla: { availability: 99.5 } }),
      makeDataProduct('d', { sla: { availability: 99 } }),
    );
    const result = computeEffectiveSla(ref('a'), lookup);
    expect(result.effective).toMatchObject({
      availability: 99,
      supportHours: 'business-hours',
    });
    expect(result.limitedBy).toEqual({
      availability: ref('d'),
      supportHours: ref('b'),
    });
    expect(result.warnings).toContain(
      'declared availability 99.9% is better than 99% from dataproduct:default/d',
    );
    expect(lookup).toHaveBeenCalledTimes(4);
  });

  it('reports inputs it cannot find, however far upstream', () => {
    const lookup = catalog(
      makeDataProduct('a', { inputs: ['ghost', 'b'] }),
      makeDataProduct('b', {
        inputs: ['other/phantom'],
        sla: { tier: 'tier-2' },
      }),
    );
    const result = computeEffectiveSla(ref('a'), lookup);
    expect(result.missingInputs).toEqual([
      ref('ghost'),
      'dataproduct:other/phantom',
    ]);
    expect(result.limitedBy).toEqual({ tier: ref('b') });
  });

  it('reports a cycle and still terminates with the weakest of its members', () => {
    const lookup = catalog(
      makeDataProduct('a', { inputs: ['b'] }),
      makeDataProduct('b', { inputs: ['a'], sla: { tier: 'tier-2' } }),
    );
    const result = computeEffectiveSla(ref('a'), lookup);
    expect(result.cycles).toEqual([[ref('a'), ref('b')]]);
    expect(result.effective.tier).toBe('tier-2');
    expect(result.limitedBy).toEqual({ tier: ref('b') });
  });

  it('reports a cycle upstream of the product, and a product reading itself', () => {
    const lookup = catalog(
      makeDataProduct('x', { inputs: ['a', 'self'] }),
      makeDataProduct('a', { inputs: ['b'] }),
      makeDataProduct('b', { inputs: ['c'] }),
      makeDataProduct('c', { inputs: ['a'] }),
      makeDataProduct('self', { inputs: ['self'] }),
    );
    expect(computeEffectiveSla(ref('x'), lookup).cycles).toEqual([
      [ref('a'), ref('b'), ref('c')],
      [ref('self')],
    ]);
  });

  it('warns only where the declared promise is better than the effective one', () => {
    const lookup = catalog(
      // weaker than its input in tier, equal in freshness written differently
      makeDataProduct('a', {
        inputs: ['b'],
        sla: { tier: 'tier-3', freshness: 'PT60M' },
      }),
      makeDataProduct('b', { sla: { freshness: 'PT1H' } }),
    );
    const result = computeEffectiveSla(ref('a'), lookup);
    expect(result.warnings).toEqual([]);
    expect(result.limitedBy).toEqual({});
    expect(result.effective).toMatchObject({
      tier: 'tier-3',
      freshness: 'PT60M',
    });
  });

  it('accepts refs in any form and fails clearly for an unknown product', () => {
    const lookup = catalog(makeDataProduct('a'));
    expect(computeEffectiveSla('A', lookup).declared.tier).toBe('tier-1');
    expect(() => computeEffectiveSla('nope', lookup)).toThrow(
      'Data product dataproduct:default/nope not found',
    );
  });
});

describe('createEffectiveSlaCalculator', () => {
  const size = 10_000;
  // p0 reads p1 … reads p9999, which is the weakest in freshness
  const chain = Array.from({ length: size }, (_, i) =>
    makeDataProduct(`p${i}`, {
      inputs: i + 1 < size ? [`p${i + 1}`] : [],
      sla: i + 1 < size ? {} : { freshness: 'PT1H' },
    }),
  );

  it('handles a chain of 10,000 products without deep recursion', () => {
    const result = computeEffectiveSla(ref('p0'), catalog(...chain));
    expect(result.limitedBy).toEqual({ freshness: ref(`p${size - 1}`) });
  });

  it('computes every product of a large catalog visiting each once', () => {
    const lookup = catalog(...chain);
    const calculate = createEffectiveSlaCalculator(lookup);
    const started = Date.now();
    for (let i = 0; i < size; i += 1) {
      expect(calculate(ref(`p${i}`)).effective.freshness).toBe('PT1H');
    }
    expect(lookup).toHaveBeenCalledTimes(size);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
