import { InputError } from '@backstage/errors';
import { MAX_FRESHNESS_ENTITY_REFS } from '@kafka-mesh/plugin-data-mesh-common';
import { parseProductRefs } from './parseEntityRefs';

describe('parseProductRefs', () => {
  it('reads DataProduct refs in canonical form, each once', () => {
    expect(
      parseProductRefs({
        entityRefs: [
          'dataproduct:default/orders',
          'DataProduct:sales/by-product',
          'payments',
          'dataproduct:default/orders',
        ],
      }),
    ).toEqual([
      {
        requested: 'dataproduct:default/orders',
        ref: 'dataproduct:default/orders',
      },
      {
        requested: 'DataProduct:sales/by-product',
        ref: 'dataproduct:sales/by-product',
      },
      { requested: 'payments', ref: 'dataproduct:default/payments' },
    ]);
  });

  it('accepts an empty list', () => {
    expect(parseProductRefs({ entityRefs: [] })).toEqual([]);
  });

  it.each([
    [undefined, /must be JSON of the form \{"entityRefs"/],
    [{}, /must be JSON of the form/],
    [{ entityRefs: 'dataproduct:default/a' }, /must be JSON of the form/],
    [{ entityRefs: ['a', 7] }, /^entityRefs\[1\] must be a non-empty string$/],
    [{ entityRefs: [' '] }, /^entityRefs\[0\] must be a non-empty string$/],
    [
      { entityRefs: ['component:default/shop'] },
      /^entityRefs\[0\] 'component:default\/shop' is not a DataProduct ref: its kind is component/,
    ],
    [
      { entityRefs: ['a', 'dataproduct:default/'] },
      /^entityRefs\[1\] 'dataproduct:default\/' is not a DataProduct ref: Entity reference/,
    ],
  ])('refuses %j', (body, message) => {
    expect(() => parseProductRefs(body)).toThrow(InputError);
    expect(() => parseProductRefs(body)).toThrow(message);
  });

  it(`refuses more than ${MAX_FRESHNESS_ENTITY_REFS} refs`, () => {
    const entityRefs = Array.from(
      { length: MAX_FRESHNESS_ENTITY_REFS + 1 },
      (_, i) => `dataproduct:default/p-${i}`,
    );
    expect(() => parseProductRefs({ entityRefs })).toThrow(
      `entityRefs holds 501 refs; at most 500 are allowed per request`,
    );
    expect(parseProductRefs({ entityRefs: entityRefs.slice(1) })).toHaveLength(
      MAX_FRESHNESS_ENTITY_REFS,
    );
  });
});
