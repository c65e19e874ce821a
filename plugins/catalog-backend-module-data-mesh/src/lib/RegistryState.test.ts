import { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { RegistryRecord } from '@kafka-mesh/plugin-data-mesh-node';
import { RegistryState } from './RegistryState';

let offset = 0;

function record(key: string | null, value: unknown): RegistryRecord {
  return {
    partition: 0,
    offset: String(offset++),
    key: key === null ? null : Buffer.from(key),
    value:
      value === null
        ? null
        : Buffer.from(
            typeof value === 'string' ? value : JSON.stringify(value),
          ),
  };
}

const publish = (descriptor: DataProductEntity) =>
  record(`default/${descriptor.metadata.name}`, descriptor);

const ref = (name: string) => `dataproduct:default/${name}`;

describe('RegistryState', () => {
  it('holds the newest valid descriptor per product and forgets it on a tombstone', () => {
    const state = new RegistryState('local');
    expect(
      state.apply(publish(makeDataProduct('orders', 'orders.v1'))),
    ).toEqual({ type: 'applied', ref: ref('orders') });
    const updated = makeDataProduct('orders', 'orders.v1', {
      lifecycle: 'experimental',
    });
    state.apply(publish(updated));
    expect(state.get(ref('orders'))).toEqual(updated);
    expect(state.size).toBe(1);

    expect(state.apply(record('default/orders', null))).toEqual({
      type: 'applied',
      ref: ref('orders'),
    });
    expect(state.has(ref('orders'))).toBe(false);
    expect(state.ownerOf('orders.v1')).toBeUndefined();
  });

  it('rejects a descriptor for another cluster than the one whose registry holds it', () => {
    const state = new RegistryState('local');
    const outcome = state.apply(
      publish(
        makeDataProduct('orders', 'orders.v1', {
          output: { cluster: 'prod', topic: 'orders.v1', format: 'avro' },
        }),
      ),
    );
    expect(outcome).toEqual({
      type: 'rejected',
      reason:
        "spec.output.cluster: 'prod' is not the cluster whose registry topic holds the descriptor ('local')",
    });
    expect(state.size).toBe(0);
  });

  describe('one topic, one product', () => {
    it('keeps a topic with the product published on it first and rejects a later claim', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'shared.v1')));
      const outcome = state.apply(
        publish(makeDataProduct('copycat', 'shared.v1')),
      );
      expect(outcome).toEqual({
        type: 'rejected',
        reason: expect.stringContaining(
          "spec.output.topic: topic 'shared.v1' on cluster 'local' is the output of dataproduct:default/orders, published earlier",
        ),
      });
      expect(state.has(ref('copycat'))).toBe(false);
      expect(state.ownerOf('shared.v1')).toBe(ref('orders'));
      // Not a product the catalog had: nothing is at risk.
      expect(state.rejectedUpdates()).toEqual([]);
    });

    it('lets the owner update its own descriptor on the same topic', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'shared.v1')));
      expect(
        state.apply(
          publish(
            makeDataProduct('orders', 'shared.v1', { lifecycle: 'deprecated' }),
          ),
        ).type,
      ).toBe('applied');
      expect(state.ownerOf('shared.v1')).toBe(ref('orders'));
    });

    it('frees a topic when its owner moves to another topic or is unpublished', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'a.v1')));
      state.apply(publish(makeDataProduct('orders', 'b.v1')));
      expect(state.ownerOf('a.v1')).toBeUndefined();
      expect(
        state.apply(publish(makeDataProduct('refunds', 'a.v1'))).type,
      ).toBe('applied');
      state.apply(record('default/orders', null));
      expect(
        state.apply(publish(makeDataProduct('returns', 'b.v1'))).type,
      ).toBe('applied');
      expect(state.ownerOf('a.v1')).toBe(ref('refunds'));
      expect(state.ownerOf('b.v1')).toBe(ref('returns'));
    });

    it('does not let a product move onto a topic another product owns, and keeps it where it was', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'a.v1')));
      state.apply(publish(makeDataProduct('refunds', 'b.v1')));
      const moved = record(
        'default/refunds',
        makeDataProduct('refunds', 'a.v1'),
      );
      expect(state.apply(moved).type).toBe('rejected');
      expect(state.get(ref('refunds'))?.spec.output.topic).toBe('b.v1');
      expect(state.ownerOf('b.v1')).toBe(ref('refunds'));
      expect(state.rejectedUpdates()).toEqual([
        {
          product: 'default/refunds',
          partition: 0,
          offset: moved.offset,
          reason: expect.stringContaining(
            'is the output of dataproduct:default/orders',
          ),
        },
      ]);
    });
  });

  describe('an update rejected for a product the catalog has', () => {
    it('keeps the last valid descriptor and lists the product with the rejected record', () => {
      const state = new RegistryState('local');
      const valid = makeDataProduct('orders', 'orders.v1');
      state.apply(publish(valid));
      const broken = record('default/orders', '{ not json');
      expect(state.apply(broken).type).toBe('rejected');
      expect(state.get(ref('orders'))).toEqual(valid);
      expect(state.rejectedUpdates()).toEqual([
        {
          product: 'default/orders',
          partition: 0,
          offset: broken.offset,
          reason: expect.stringMatching(/^the descriptor is not JSON/),
        },
      ]);
    });

    it('lists the newest rejected record when several follow the valid one', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'orders.v1')));
      state.apply(record('default/orders', '{ not json'));
      const { sla: _sla, ...specWithoutSla } = makeDataProduct(
        'orders',
        'orders.v1',
      ).spec;
      const second = record('default/orders', {
        ...makeDataProduct('orders', 'orders.v1'),
        spec: specWithoutSla,
      });
      state.apply(second);
      expect(state.rejectedUpdates()).toEqual([
        expect.objectContaining({
          offset: second.offset,
          reason: 'spec.sla: is required',
        }),
      ]);
    });

    it('counts a descriptor whose name does not match its key against the product of the key', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'orders.v1')));
      state.apply(
        record('default/orders', makeDataProduct('refunds', 'refunds.v1')),
      );
      expect(state.rejectedUpdates().map(r => r.product)).toEqual([
        'default/orders',
      ]);
      expect(state.has(ref('refunds'))).toBe(false);
    });

    it('is no longer at risk once a valid descriptor or a tombstone follows', () => {
      const state = new RegistryState('local');
      state.apply(publish(makeDataProduct('orders', 'orders.v1')));
      state.apply(publish(makeDataProduct('refunds', 'refunds.v1')));
      state.apply(record('default/orders', '{'));
      state.apply(record('default/refunds', '{'));
      expect(state.rejectedUpdates().map(r => r.product)).toEqual([
        'default/orders',
        'default/refunds',
      ]);
      state.apply(publish(makeDataProduct('orders', 'orders.v1')));
      state.apply(record('default/refunds', null));
      expect(state.rejectedUpdates()).toEqual([]);
    });

    it('lists nothing for a rejected record of a product it never had', () => {
      const state = new RegistryState('local');
      state.apply(record('default/orders', '{'));
      state.apply(record(null, '{}'));
      expect(state.rejectedUpdates()).toEqual([]);
      expect(state.size).toBe(0);
    });
  });

  it('decides by log order alone, so a re-read of the same records ends in the same state', () => {
    const records = [
      publish(makeDataProduct('a', 'x.v1')),
      publish(makeDataProduct('b', 'x.v1')),
      publish(makeDataProduct('c', 'y.v1')),
      record('default/c', '{'),
    ];
    const fold = () => {
      const state = new RegistryState('local');
      for (const r of records) state.apply(r);
      return state;
    };
    const first = fold();
    const again = fold();
    expect(first.refs().sort()).toEqual([ref('a'), ref('c')]);
    expect(again.refs().sort()).toEqual(first.refs().sort());
    expect(again.ownerOf('x.v1')).toBe(ref('a'));
    expect(again.rejectedUpdates()).toEqual(first.rejectedUpdates());
    expect(again.rejectedUpdates().map(r => r.product)).toEqual(['default/c']);
  });
});
