import {
  KafkaUnavailableError,
  READER_GROUP_PREFIX,
} from '@kafka-mesh/plugin-data-mesh-node';
import { fakeCluster } from '../__testUtils__/fakeCluster';
import { ConsumerGroupIndex, groupKey } from './ConsumerGroupIndex';

/** group → topic → committed offset per partition ('-1': none). */
type Offsets = Record<string, Record<string, string[]>>;

function fakeAdmin(initial: Offsets) {
  const state = { offsets: initial };
  const admin = {
    listGroups: jest.fn(async () => ({
      groups: Object.keys(state.offsets).map(groupId => ({
        groupId,
        protocolType: 'consumer',
      })),
    })),
    fetchOffsets: jest.fn(async ({ groupId }: { groupId: string }) =>
      Object.entries(state.offsets[groupId] ?? {}).map(([topic, offsets]) => ({
        topic,
        partitions: offsets.map((offset, partition) => ({
          partition,
          offset,
          metadata: null,
        })),
      })),
    ),
  };
  return { admin, state };
}

const cluster = (name: string, admin: object) => fakeCluster(admin, { name });

describe('groupKey', () => {
  it('joins cluster and group as the consumer-groups annotation does', () => {
    expect(groupKey('local', 'billing')).toBe('local/billing');
  });
});

describe('ConsumerGroupIndex', () => {
  it('knows nothing before the first refresh', () => {
    const { admin } = fakeAdmin({ g1: { orders: ['5'] } });
    const index = new ConsumerGroupIndex([cluster('local', admin)]);
    expect(index.keys()).toEqual([]);
    expect(index.topicsOf('local', 'g1')).toEqual([]);
    expect(admin.listGroups).not.toHaveBeenCalled();
  });

  it('maps groups to the topics they have committed offsets on, sorted', async () => {
    const { admin } = fakeAdmin({
      g1: { refunds: ['0'], orders: ['-1', '12'], payments: ['-1', '-1'] },
      g2: { orders: ['3'] },
    });
    const index = new ConsumerGroupIndex([cluster('local', admin)]);
    await index.refresh();
    expect(index.topicsOf('local', 'g1')).toEqual(['orders', 'refunds']);
    expect(index.topicsOf('local', 'g2')).toEqual(['orders']);
    expect(index.keys().sort()).toEqual(['local/g1', 'local/g2']);
  });

  it('leaves out groups without any committed offset', async () => {
    const { admin } = fakeAdmin({
      idle: { orders: ['-1', '-1'] },
      empty: {},
    });
    const index = new ConsumerGroupIndex([cluster('local', admin)]);
    await index.refresh();
    expect(index.keys()).toEqual([]);
    expect(index.topicsOf('local', 'idle')).toEqual([]);
  });

  it("ignores the suite's own registry reader groups", async () => {
    const reader = `${READER_GROUP_PREFIX}local`;
    const { admin } = fakeAdmin({
      [reader]: { '_data-products': ['7'] },
      app: { orders: ['1'] },
    });
    const index = new ConsumerGroupIndex([cluster('local', admin)]);
    await index.refresh();
    expect(index.keys()).toEqual(['local/app']);
    expect(index.topicsOf('local', reader)).toEqual([]);
    expect(admin.fetchOffsets).not.toHaveBeenCalledWith({ groupId: reader });
  });

  it('keeps groups apart per cluster', async () => {
    const local = fakeAdmin({ g: { orders: ['1'] } });
    const eu = fakeAdmin({ g: { payments: ['1'] } });
    const index = new ConsumerGroupIndex([
      cluster('local', local.admin),
      cluster('eu', eu.admin),
    ]);
    await index.refresh();
    expect(index.topicsOf('local', 'g')).toEqual(['orders']);
    expect(index.topicsOf('eu', 'g')).toEqual(['payments']);
  });

  it('follows changes and forgets groups that are gone', async () => {
    const { admin, state } = fakeAdmin({
      g1: { orders: ['1'] },
      g2: { orders: ['1'] },
    });
    const index = new ConsumerGroupIndex([cluster('local', admin)]);
    await index.refresh();
    state.offsets = { g1: { orders: ['1'], refunds: ['4'] } };
    await index.refresh();
    expect(index.keys()).toEqual(['local/g1']);
    expect(index.topicsOf('local', 'g1')).toEqual(['orders', 'refunds']);
    expect(index.topicsOf('local', 'g2')).toEqual([]);
  });

  it('keeps the last known groups of a cluster that cannot be read', async () => {
    const local = fakeAdmin({ g1: { orders: ['1'] } });
    const eu = fakeAdmin({ g2: { payments: ['1'] } });
    const index = new ConsumerGroupIndex([
      cluster('local', local.admin),
      cluster('eu', eu.admin),
    ]);
    await index.refresh();
    local.admin.listGroups.mockRejectedValue(new Error('broker down'));
    eu.state.offsets = { g3: { payments: ['2'] } };
    await index.refresh();
    expect(index.topicsOf('local', 'g1')).toEqual(['orders']);
    expect(index.topicsOf('eu', 'g2')).toEqual([]);
    expect(index.topicsOf('eu', 'g3')).toEqual(['payments']);
  });

  it('keeps the last known groups when the cluster cannot be asked', async () => {
    const { admin } = fakeAdmin({ g1: { orders: ['1'] } });
    let up = true;
    const index = new ConsumerGroupIndex([
      fakeCluster(() => {
        if (!up) throw new KafkaUnavailableError('connection refused');
        return admin as never;
      }),
    ]);
    await index.refresh();
    up = false;
    await index.refresh();
    expect(index.topicsOf('local', 'g1')).toEqual(['orders']);
  });

  it('keeps the last known groups when reading offsets fails part way', async () => {
    const { admin } = fakeAdmin({
      g1: { orders: ['1'] },
      g2: { refunds: ['1'] },
    });
    const index = new ConsumerGroupIndex([cluster('local', admin)]);
    await index.refresh();
    admin.fetchOffsets.mockRejectedValueOnce(new Error('coordinator moved'));
    await index.refresh();
    expect(index.keys().sort()).toEqual(['local/g1', 'local/g2']);
  });
});
