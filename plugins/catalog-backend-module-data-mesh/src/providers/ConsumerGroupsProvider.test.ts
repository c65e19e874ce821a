import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { fakeCluster } from '../__testUtils__/fakeCluster';
import { ConsumerGroupIndex } from '../lib/ConsumerGroupIndex';
import { ProductIndex } from '../lib/ProductIndex';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  consumerGroupRefreshKey,
  ConsumerGroupsProvider,
} from './ConsumerGroupsProvider';

/** group → topics with a committed offset, changeable between refreshes. */
function clusterWith(initial: Record<string, string[]>) {
  const state = { groups: initial };
  const admin = {
    listGroups: async () => ({
      groups: Object.keys(state.groups).map(groupId => ({
        groupId,
        protocolType: 'consumer',
      })),
    }),
    fetchOffsets: async ({ groupId }: { groupId: string }) =>
      state.groups[groupId].map(topic => ({
        topic,
        partitions: [{ partition: 0, offset: '3', metadata: null }],
      })),
  };
  return { state, cluster: fakeCluster(admin) };
}

async function setup(groups: Record<string, string[]>) {
  const { state, cluster } = clusterWith(groups);
  const products = new ProductIndex();
  products.set(makeDataProduct('orders', 'orders.v1'));
  products.set(makeDataProduct('refunds', 'refunds.v1'));
  const provider = new ConsumerGroupsProvider(
    new ConsumerGroupIndex([cluster]),
    products,
  );
  const connection = {
    applyMutation: jest.fn(),
    refresh: jest.fn(async (_: { keys: string[] }) => {}),
  };
  await provider.connect(connection as unknown as EntityProviderConnection);
  return { provider, products, state, connection };
}

const keysOf = (connection: { refresh: jest.Mock }) =>
  connection.refresh.mock.calls.map(([options]) => [...options.keys].sort());

describe('consumerGroupRefreshKey', () => {
  it('prefixes the group key', () => {
    expect(consumerGroupRefreshKey('local/g1')).toBe(
      'data-mesh-consumer-group:local/g1',
    );
  });
});

describe('ConsumerGroupsProvider', () => {
  it('has a name and provides no entities', async () => {
    const { provider, connection } = await setup({ g1: ['orders.v1'] });
    expect(provider.getProviderName()).toBe('data-mesh-consumer-groups');
    await provider.refresh();
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('asks to refresh the groups that read topics on the first refresh', async () => {
    const { provider, connection } = await setup({
      g1: ['orders.v1'],
      g2: ['refunds.v1', 'orders.v1'],
      // A processor's group reading a topic that is no product is drift.
      other: ['not-a-product'],
      idle: [],
    });
    await provider.refresh();
    expect(keysOf(connection)).toEqual([
      [
        'data-mesh-consumer-group:local/g1',
        'data-mesh-consumer-group:local/g2',
        'data-mesh-consumer-group:local/other',
      ],
    ]);
  });

  it('asks nothing when no group changed what it reads', async () => {
    const { provider, connection, state } = await setup({ g1: ['orders.v1'] });
    await provider.refresh();
    connection.refresh.mockClear();
    // The same topics in another order change nothing.
    state.groups = { g1: ['orders.v1'] };
    await provider.refresh();
    await provider.refresh();
    expect(connection.refresh).not.toHaveBeenCalled();
  });

  it('asks to refresh a group that reads another topic that is no product', async () => {
    const { provider, connection, state } = await setup({ g1: ['orders.v1'] });
    await provider.refresh();
    connection.refresh.mockClear();
    // Nothing linked changes, but a processor's drift does.
    state.groups = { g1: ['orders.v1', 'not-a-product'] };
    await provider.refresh();
    await provider.refresh();
    expect(keysOf(connection)).toEqual([['data-mesh-consumer-group:local/g1']]);
  });

  it('asks to refresh exactly the groups whose products changed', async () => {
    const { provider, connection, state } = await setup({
      same: ['orders.v1'],
      more: ['orders.v1'],
      gone: ['refunds.v1'],
      stopped: ['refunds.v1'],
    });
    await provider.refresh();
    connection.refresh.mockClear();
    state.groups = {
      same: ['orders.v1'],
      more: ['orders.v1', 'refunds.v1'],
      stopped: ['not-a-product'],
      fresh: ['orders.v1'],
    };
    await provider.refresh();
    expect(keysOf(connection)).toEqual([
      [
        'data-mesh-consumer-group:local/fresh',
        'data-mesh-consumer-group:local/gone',
        'data-mesh-consumer-group:local/more',
        'data-mesh-consumer-group:local/stopped',
      ],
    ]);
  });

  it('asks to refresh the readers of a topic that becomes a product', async () => {
    const { provider, products, connection } = await setup({
      g1: ['payments.v1'],
      g2: ['orders.v1'],
    });
    await provider.refresh();
    connection.refresh.mockClear();
    products.set(makeDataProduct('payments', 'payments.v1'));
    await provider.refresh();
    expect(keysOf(connection)).toEqual([['data-mesh-consumer-group:local/g1']]);
  });
});
