import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { ProductIndex } from './ProductIndex';

/** A product `name` on topic `<name>.v1` of `cluster`, reading `inputs`. */
function product(name: string, inputs: string[] = [], cluster = 'local') {
  return makeDataProduct(name, `${name}.v1`, {
    inputs: inputs.length ? inputs : undefined,
    output: { cluster, topic: `${name}.v1`, format: 'avro' },
  });
}

const ref = (name: string) => `dataproduct:default/${name}`;

describe('ProductIndex', () => {
  it('stores products by canonical entity ref', () => {
    const index = new ProductIndex();
    const orders = makeDataProduct('Orders', 'orders.v1');
    expect(index.set(orders)).toBe('dataproduct:default/orders');
    expect(index.has('dataproduct:default/orders')).toBe(true);
    expect(index.get('dataproduct:default/orders')).toBe(orders);
    expect(index.has('dataproduct:default/refunds')).toBe(false);
    expect(index.get('dataproduct:default/refunds')).toBeUndefined();
  });

  it('replaces a product set again and forgets a deleted one', () => {
    const index = new ProductIndex();
    index.set(product('orders'));
    const updated = makeDataProduct('orders', 'orders.v2');
    index.set(updated);
    expect(index.get(ref('orders'))).toBe(updated);
    index.delete(ref('orders'));
    expect(index.has(ref('orders'))).toBe(false);
    expect(index.get(ref('orders'))).toBeUndefined();
    expect(index.productTopics('local')).toEqual(new Set());
  });

  it('ignores deleting an unknown ref', () => {
    const index = new ProductIndex();
    index.set(product('orders'));
    index.delete(ref('refunds'));
    expect(index.has(ref('orders'))).toBe(true);
  });

  it('finds everything downstream of a chain', () => {
    const index = new ProductIndex();
    index.set(product('a'));
    index.set(product('b', ['a']));
    index.set(product('c', ['dataproduct:default/b']));
    index.set(product('unrelated'));
    expect(index.withDownstream([ref('a')])).toEqual(
      new Set([ref('a'), ref('b'), ref('c')]),
    );
    expect(index.withDownstream([ref('b')])).toEqual(
      new Set([ref('b'), ref('c')]),
    );
    expect(index.withDownstream([ref('c')])).toEqual(new Set([ref('c')]));
  });

  it('visits the bottom of a diamond once', () => {
    const index = new ProductIndex();
    index.set(product('top'));
    index.set(product('left', ['top']));
    index.set(product('right', ['top']));
    index.set(product('bottom', ['left', 'right']));
    const downstream = index.withDownstream([ref('top')]);
    expect([...downstream].sort()).toEqual([
      ref('bottom'),
      ref('left'),
      ref('right'),
      ref('top'),
    ]);
    expect(index.withDownstream([ref('left'), ref('right')])).toEqual(
      new Set([ref('left'), ref('right'), ref('bottom')]),
    );
  });

  it('returns refs given even when they are not products, and terminates on cycles', () => {
    const index = new ProductIndex();
    index.set(product('x', ['y']));
    index.set(product('y', ['x']));
    expect(index.withDownstream([ref('x')])).toEqual(
      new Set([ref('x'), ref('y')]),
    );
    expect(index.withDownstream([ref('ghost')])).toEqual(
      new Set([ref('ghost')]),
    );
  });

  it('forgets the lineage edges of a deleted product', () => {
    const index = new ProductIndex();
    index.set(product('a'));
    index.set(product('b', ['a']));
    index.set(product('c', ['b']));
    index.delete(ref('b'));
    expect(index.withDownstream([ref('a')])).toEqual(new Set([ref('a')]));
    // c still names b as its input, so b's readers are still c.
    expect(index.withDownstream([ref('b')])).toEqual(
      new Set([ref('b'), ref('c')]),
    );
  });

  it('lists the products on a topic and the product topics per cluster', () => {
    const index = new ProductIndex();
    index.set(product('orders'));
    index.set(makeDataProduct('orders-copy', 'orders.v1'));
    index.set(product('refunds'));
    index.set(product('payments', [], 'eu'));
    expect(index.productsOnTopic('local', 'orders.v1').sort()).toEqual([
      ref('orders'),
      ref('orders-copy'),
    ]);
    expect(index.productsOnTopic('eu', 'orders.v1')).toEqual([]);
    expect(index.productsOnTopic('eu', 'payments.v1')).toEqual([
      ref('payments'),
    ]);
    expect(index.productTopics('local')).toEqual(
      new Set(['orders.v1', 'refunds.v1']),
    );
    expect(index.productTopics('eu')).toEqual(new Set(['payments.v1']));
    expect(index.productTopics('us')).toEqual(new Set());
  });

  it('does not confuse clusters whose names share a prefix', () => {
    const index = new ProductIndex();
    index.set(product('orders', [], 'eu'));
    index.set(product('refunds', [], 'eu-west'));
    expect(index.productTopics('eu')).toEqual(new Set(['orders.v1']));
  });

  it('moves the reverse maps when a product changes its inputs and topic', () => {
    const index = new ProductIndex();
    index.set(product('a'));
    index.set(product('b'));
    index.set(product('c', ['a']));
    index.set(
      makeDataProduct('c', 'c.v2', {
        inputs: ['b'],
        output: { cluster: 'eu', topic: 'c.v2', format: 'avro' },
      }),
    );
    expect(index.withDownstream([ref('a')])).toEqual(new Set([ref('a')]));
    expect(index.withDownstream([ref('b')])).toEqual(
      new Set([ref('b'), ref('c')]),
    );
    expect(index.productsOnTopic('local', 'c.v1')).toEqual([]);
    expect(index.productTopics('local')).toEqual(new Set(['a.v1', 'b.v1']));
    expect(index.productsOnTopic('eu', 'c.v2')).toEqual([ref('c')]);
  });

  it('resolves inputs in the namespace of the reading product', () => {
    const index = new ProductIndex();
    const upstream = product('a');
    upstream.metadata.namespace = 'sales';
    const reader = product('b', ['a']);
    reader.metadata.namespace = 'sales';
    index.set(upstream);
    index.set(reader);
    expect(index.withDownstream(['dataproduct:sales/a'])).toEqual(
      new Set(['dataproduct:sales/a', 'dataproduct:sales/b']),
    );
    expect(index.withDownstream([ref('a')])).toEqual(new Set([ref('a')]));
  });
});
