import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  entityPageOf,
  schemaIdOf,
  toDataProductDocument,
} from './toDataProductDocument';

function product(): DataProductEntity {
  const entity = makeDataProduct('checkout-orders', 'checkout.orders.v1', {
    owner: 'group:default/checkout-team',
    domain: 'checkout',
    classification: 'confidential',
    sla: {
      tier: 'tier-1',
      availability: 99.9,
      freshness: 'PT1M',
      supportHours: '24x7',
      onCall: 'https://oncall.example.com',
    },
  });
  entity.metadata.namespace = 'Sales';
  entity.metadata.title = 'Checkout orders';
  entity.metadata.description = 'Every order placed at checkout.';
  entity.spec.observed = {
    schema: {
      status: 'registered',
      subject: 'checkout.orders.v1-value',
      version: 3,
      id: 42,
      format: 'avro',
    },
  } as DataProductEntity['spec']['observed'];
  return entity;
}

describe('toDataProductDocument', () => {
  it('maps a product and its schema fields to a search document', () => {
    expect(
      toDataProductDocument(product(), [
        { path: 'orderId', doc: 'The order' },
        { path: 'customer.email' },
      ]),
    ).toEqual({
      title: 'Checkout orders',
      text: 'Every order placed at checkout.',
      location: '/catalog/sales/dataproduct/checkout-orders',
      entityRef: 'dataproduct:sales/checkout-orders',
      authorization: { resourceRef: 'dataproduct:sales/checkout-orders' },
      kind: 'DataProduct',
      namespace: 'Sales',
      name: 'checkout-orders',
      domain: 'checkout',
      owner: 'group:default/checkout-team',
      lifecycle: 'production',
      tier: 'tier-1',
      freshness: 'PT1M',
      classification: 'confidential',
      schema: 'checkout.orders.v1-value v3',
      fields: ['orderId', 'customer.email'],
      fieldText: 'orderId order id The order\ncustomer.email customer email',
    });
  });

  it('gives every key a value when the entity lacks them, so that all documents have the same keys', () => {
    const bare = {
      apiVersion: 'kafka-mesh.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'bare' },
    } as unknown as DataProductEntity;
    const document = toDataProductDocument(bare);
    expect(Object.keys(document).sort()).toEqual(
      Object.keys(toDataProductDocument(product())).sort(),
    );
    expect(document).toMatchObject({
      title: 'bare',
      text: '',
      location: '/catalog/default/dataproduct/bare',
      tier: '',
      schema: '',
      fields: [],
      fieldText: '',
    });
  });

  it('names the registered schema id only', () => {
    const entity = product();
    expect(schemaIdOf(entity)).toBe(42);
    entity.spec.observed!.schema = {
      status: 'unknown',
      subject: 'checkout.orders.v1-value',
    };
    expect(schemaIdOf(entity)).toBeUndefined();
  });

  it('escapes the entity page URL', () => {
    expect(entityPageOf('default', 'a b')).toBe(
      '/catalog/default/dataproduct/a%20b',
    );
  });
});
