import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { parseWireValue, skipMessageIndexes } from './decodeRecord';
import { downstreamProducts } from './downstreamProducts';
import { maskExample, MASKED } from './maskExamples';

describe('downstreamProducts', () => {
  it('finds readers transitively, once each, with owners and depth', () => {
    const base = makeDataProduct('base', 't.base');
    const a = makeDataProduct('a', 't.a', { inputs: ['base'] });
    const b = makeDataProduct('b', 't.b', {
      inputs: ['dataproduct:default/a', 'DataProduct:default/base'],
      owner: 'group:default/other',
    });
    const unrelated = makeDataProduct('c', 't.c', { inputs: ['x'] });
    expect(downstreamProducts(base, [base, a, b, unrelated])).toEqual([
      {
        ref: 'dataproduct:default/a',
        owner: 'group:default/checkout-team',
        depth: 1,
        via: 'dataproduct:default/base',
      },
      {
        ref: 'dataproduct:default/b',
        owner: 'group:default/other',
        depth: 1,
        via: 'dataproduct:default/base',
      },
    ]);
    expect(downstreamProducts(a, [base, a, b])).toEqual([
      expect.objectContaining({ ref: 'dataproduct:default/b', depth: 1 }),
    ]);
  });
});

describe('maskExample', () => {
  it('masks piiFields in records and personal scalar examples', () => {
    expect(
      maskExample({ customer_email: 'x@y', items: [{ name: 'n' }] }, [
        'customerEmail',
        'items.name',
      ]),
    ).toEqual({ customer_email: MASKED, items: [{ name: MASKED }] });
    expect(maskExample('x@y', ['email'], 'email')).toBe(MASKED);
    expect(maskExample('o-1', ['email'], 'orderId')).toBe('o-1');
  });
});

describe('wire format', () => {
  it('splits the header and skips protobuf message indexes', () => {
    expect(parseWireValue(Buffer.from('{}'))).toBeUndefined();
    const wire = parseWireValue(Buffer.from([0, 0, 0, 0, 7, 0, 8, 1]))!;
    expect(wire.schemaId).toBe(7);
    expect([...skipMessageIndexes(wire.payload)]).toEqual([8, 1]);
    // [1, 0]: count 1 (zig-zag 2), index 0
    expect([...skipMessageIndexes(Buffer.from([2, 0, 8, 1]))]).toEqual([8, 1]);
  });
});
