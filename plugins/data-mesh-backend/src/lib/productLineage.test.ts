import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { productLineage } from './productLineage';

describe('productLineage', () => {
  it('lists upstream, downstream and consumers from the relations, as the Lineage tab does', () => {
    const entity = makeDataProduct('orders', 'checkout.orders.v1', {
      inputs: ['customer-profiles', 'payments/payments-settled'],
    });
    entity.relations = [
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
      { type: 'dependsOn', targetRef: 'dataproduct:default/customer-profiles' },
      { type: 'dependsOn', targetRef: 'resource:default/orders-db' },
      { type: 'dependencyOf', targetRef: 'dataproduct:default/revenue' },
      { type: 'dependencyOf', targetRef: 'component:default/shop-ui' },
      { type: 'dependencyOf', targetRef: 'component:default/dashboard' },
      // The same edge twice (two consumer groups of one component).
      { type: 'dependencyOf', targetRef: 'component:default/dashboard' },
      { type: 'dependencyOf', targetRef: 'DataProduct:default/audit' },
      { type: 'partOf', targetRef: 'domain:default/commerce' },
    ];
    expect(productLineage(entity)).toEqual({
      inputs: [
        'dataproduct:default/customer-profiles',
        'dataproduct:payments/payments-settled',
      ],
      upstreamProducts: ['dataproduct:default/customer-profiles'],
      downstreamProducts: [
        'DataProduct:default/audit',
        'dataproduct:default/revenue',
      ],
      consumingComponents: [
        'component:default/dashboard',
        'component:default/shop-ui',
      ],
    });
  });

  it('is empty for a product without relations or inputs', () => {
    expect(productLineage(makeDataProduct('x', 'd.x.v1'))).toEqual({
      inputs: [],
      upstreamProducts: [],
      downstreamProducts: [],
      consumingComponents: [],
    });
  });
});
