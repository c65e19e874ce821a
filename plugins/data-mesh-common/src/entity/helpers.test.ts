import { fullDataProduct, makeDataProduct } from '../__fixtures__/dataProducts';
import {
  inputRefsOf,
  isDataProductEntity,
  parseProductId,
  productIdOf,
  schemaSubjectOf,
  statusOf,
  toDataProductRef,
} from './helpers';

describe('isDataProductEntity', () => {
  it('matches the kind case-insensitively', () => {
    expect(isDataProductEntity(fullDataProduct)).toBe(true);
    expect(
      isDataProductEntity({ ...fullDataProduct, kind: 'dataproduct' }),
    ).toBe(true);
    expect(isDataProductEntity({ ...fullDataProduct, kind: 'Component' })).toBe(
      false,
    );
  });
});

describe('product ids', () => {
  it('uses the default namespace when none is set', () => {
    expect(productIdOf(makeDataProduct('payments-settled'))).toBe(
      'default/payments-settled',
    );
    expect(
      productIdOf({
        ...fullDataProduct,
        metadata: { ...fullDataProduct.metadata, namespace: 'shop' },
      }),
    ).toBe('shop/orders-placed');
  });

  it('parses what productIdOf produces', () => {
    expect(parseProductId(productIdOf(fullDataProduct))).toEqual({
      namespace: 'default',
      name: 'orders-placed',
    });
  });

  it.each(['orders-placed', 'a/b/c', '/orders', 'default/', 'Not OK/x'])(
    'rejects %j',
    id => {
      expect(() => parseProductId(id)).toThrow(
        `'${id}' is not a data product id of the form <namespace>/<name>`,
      );
    },
  );
});

describe('toDataProductRef', () => {
  it('defaults kind and namespace and lower-cases the result', () => {
    expect(toDataProductRef('Payments-Settled')).toBe(
      'dataproduct:default/payments-settled',
    );
    expect(toDataProductRef('payments-settled', 'shop')).toBe(
      'dataproduct:shop/payments-settled',
    );
    expect(toDataProductRef('DataProduct:other/x', 'shop')).toBe(
      'dataproduct:other/x',
    );
    expect(toDataProductRef('component:x')).toBe('component:default/x');
  });
});

describe('inputRefsOf', () => {
  it('resolves inputs in the product namespace', () => {
    const entity = makeDataProduct('enriched', {
      inputs: ['raw', 'dataproduct:default/reference'],
    });
    entity.metadata.namespace = 'shop';
    expect(inputRefsOf(entity)).toEqual([
      'dataproduct:shop/raw',
      'dataproduct:default/reference',
    ]);
    expect(inputRefsOf(makeDataProduct('source'))).toEqual([]);
  });
});

describe('defaults', () => {
  it('derives the schema subject from the topic when not given', () => {
    expect(schemaSubjectOf(makeDataProduct('orders'))).toBe('orders-value');
    expect(
      schemaSubjectOf(
        makeDataProduct('orders', {
          output: {
            cluster: 'local',
            topic: 'orders',
            format: 'avro',
            schemaSubject: 'orders-by-record-name',
          },
        }),
      ),
    ).toBe('orders-by-record-name');
  });

  it('treats a product without status as active', () => {
    expect(statusOf(makeDataProduct('orders'))).toBe('active');
    expect(statusOf(fullDataProduct)).toBe('deprecated');
  });
});
