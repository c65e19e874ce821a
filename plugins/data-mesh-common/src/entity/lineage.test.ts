import { makeDataProduct } from '../__fixtures__/dataProducts';
import { processorGroupKeysOf, relationLineageOf } from './lineage';

/** A product with the given `[type, targetRef]` relations. */
const withRelations = (...relations: Array<[string, string]>) => ({
  ...makeDataProduct('revenue'),
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

const noLineage = {
  upstreamProducts: [],
  downstreamProducts: [],
  consumingComponents: [],
};

describe('relationLineageOf', () => {
  it('reads upstream, downstream and consuming components from the relations', () => {
    const entity = withRelations(
      ['dependsOn', 'dataproduct:sales/refunds'],
      ['dependsOn', 'dataproduct:default/orders'],
      ['dependencyOf', 'dataproduct:finance/forecast'],
      ['dependencyOf', 'component:default/ledger'],
    );
    expect(relationLineageOf(entity)).toEqual({
      upstreamProducts: [
        'dataproduct:default/orders',
        'dataproduct:sales/refunds',
      ],
      downstreamProducts: ['dataproduct:finance/forecast'],
      consumingComponents: ['component:default/ledger'],
    });
  });

  it('compares kinds case-insensitively, lists each target once and skips what it cannot parse', () => {
    const entity = withRelations(
      ['dependencyOf', 'Component:default/b-reader'],
      ['dependencyOf', 'component:default/a-reader'],
      // Two consumer groups of one component: two edges, one reader.
      ['dependencyOf', 'component:default/a-reader'],
      ['dependencyOf', 'not-a-ref'],
      // Other kinds and relation types are not lineage.
      ['dependsOn', 'resource:default/events-db'],
      ['ownedBy', 'group:default/platform'],
    );
    expect(relationLineageOf(entity)).toEqual({
      ...noLineage,
      consumingComponents: [
        'Component:default/b-reader',
        'component:default/a-reader',
      ],
    });
  });

  it('is empty for an entity without relations', () => {
    expect(relationLineageOf(makeDataProduct('lonely'))).toEqual(noLineage);
  });
});

describe('processorGroupKeysOf', () => {
  it('keys the processor groups by the output cluster', () => {
    const entity = makeDataProduct('revenue');
    expect(processorGroupKeysOf(entity)).toEqual([]);
    expect(
      processorGroupKeysOf({
        ...entity,
        spec: {
          ...entity.spec,
          processor: { consumerGroups: ['revenue-app', 'revenue-replay'] },
        },
      }),
    ).toEqual([
      `${entity.spec.output.cluster}/revenue-app`,
      `${entity.spec.output.cluster}/revenue-replay`,
    ]);
  });
});
