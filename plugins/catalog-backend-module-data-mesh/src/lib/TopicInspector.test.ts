import { KafkaUnavailableError } from '@kafka-mesh/plugin-data-mesh-node';
import { fakeCluster } from '../__testUtils__/fakeCluster';
import { TopicInspector } from './TopicInspector';

interface FakeTopic {
  partitions: number;
  replicas: number;
  configs?: Record<string, string>;
}

/** An admin client for a cluster holding the given topics. */
function fakeAdmin(topics: Record<string, FakeTopic>) {
  const admin = {
    listTopics: jest.fn(async () => Object.keys(topics)),
    fetchTopicMetadata: jest.fn(
      async ({ topics: names }: { topics: string[] }) => ({
        topics: names.map(name => ({
          name,
          partitions: Array.from(
            { length: topics[name].partitions },
            (_, i) => ({
              partitionErrorCode: 0,
              partitionId: i,
              leader: 1,
              replicas: Array.from(
                { length: topics[name].replicas },
                (__, r) => r + 1,
              ),
              isr: [],
              offlineReplicas: [],
            }),
          ),
        })),
      }),
    ),
    describeConfigs: jest.fn(
      async ({
        resources,
      }: {
        resources: Array<{ name: string; configNames: string[] }>;
      }) => ({
        throttleTime: 0,
        resources: resources.map(({ name, configNames }) => ({
          errorCode: 0,
          errorMessage: null,
          resourceType: 2,
          resourceName: name,
          configEntries: Object.entries(topics[name].configs ?? {})
            .filter(([configName]) => configNames.includes(configName))
            .map(([configName, configValue]) => ({
              configName,
              configValue,
              isDefault: false,
              isSensitive: false,
              readOnly: false,
              configSource: 1,
            })),
        })),
      }),
    ),
  };
  return admin;
}

const inspector = (admin: ReturnType<typeof fakeAdmin>) =>
  new TopicInspector(fakeCluster(admin));

describe('TopicInspector', () => {
  it('describes partitions, replication, retention and cleanup policy', async () => {
    const admin = fakeAdmin({
      orders: {
        partitions: 6,
        replicas: 3,
        configs: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' },
      },
      compacted: {
        partitions: 1,
        replicas: 1,
        configs: { 'retention.ms': '-1', 'cleanup.policy': 'compact' },
      },
    });
    const facts = await inspector(admin).describe(['orders', 'compacted']);
    expect(facts).toEqual(
      new Map([
        [
          'orders',
          {
            status: 'ok',
            partitions: 6,
            replicationFactor: 3,
            retentionMs: 604800000,
            cleanupPolicy: 'delete',
          },
        ],
        [
          'compacted',
          {
            status: 'ok',
            partitions: 1,
            replicationFactor: 1,
            retentionMs: -1,
            cleanupPolicy: 'compact',
          },
        ],
      ]),
    );
  });

  it('asks for the two configs that matter, of topic resources', async () => {
    const admin = fakeAdmin({ orders: { partitions: 1, replicas: 1 } });
    await inspector(admin).describe(['orders']);
    expect(admin.describeConfigs).toHaveBeenCalledWith({
      includeSynonyms: false,
      resources: [
        {
          type: 2,
          name: 'orders',
          configNames: ['retention.ms', 'cleanup.policy'],
        },
      ],
    });
  });

  it('leaves out configs the cluster does not report', async () => {
    const admin = fakeAdmin({ orders: { partitions: 2, replicas: 1 } });
    const facts = await inspector(admin).describe(['orders']);
    expect(facts.get('orders')).toEqual({
      status: 'ok',
      partitions: 2,
      replicationFactor: 1,
      retentionMs: undefined,
      cleanupPolicy: undefined,
    });
  });

  it('says missing for topics the cluster does not have', async () => {
    const admin = fakeAdmin({ orders: { partitions: 1, replicas: 1 } });
    const facts = await inspector(admin).describe(['orders', 'ghost']);
    expect(facts.get('ghost')).toEqual({ status: 'missing' });
    expect(facts.get('orders')).toMatchObject({ status: 'ok' });
    expect(admin.fetchTopicMetadata).toHaveBeenCalledWith({
      topics: ['orders'],
    });
  });

  it('stops after listing when no topic exists', async () => {
    const admin = fakeAdmin({});
    const facts = await inspector(admin).describe(['a', 'b']);
    expect(facts).toEqual(
      new Map([
        ['a', { status: 'missing' }],
        ['b', { status: 'missing' }],
      ]),
    );
    expect(admin.fetchTopicMetadata).not.toHaveBeenCalled();
    expect(admin.describeConfigs).not.toHaveBeenCalled();
  });

  it('asks nothing for no topics', async () => {
    const admin = jest.fn();
    const facts = await new TopicInspector({ admin }).describe([]);
    expect(facts.size).toBe(0);
    expect(admin).not.toHaveBeenCalled();
  });

  it('makes its three requests in one call of the shared admin', async () => {
    const admin = fakeAdmin({ a: { partitions: 1, replicas: 1 } });
    const cluster = fakeCluster(admin);
    const call = jest.spyOn(cluster, 'admin');
    await new TopicInspector(cluster).describe(['a', 'b']);
    // Run again after an unknown topic, the call lists afresh.
    expect(call).toHaveBeenCalledTimes(1);
    expect(admin.listTopics).toHaveBeenCalledTimes(1);
  });

  it('makes three admin requests whatever the number of topics', async () => {
    const topics: Record<string, FakeTopic> = {};
    const wanted: string[] = [];
    for (let i = 0; i < 200; i++) {
      topics[`t${i}`] = { partitions: 1 + (i % 4), replicas: 1 };
      wanted.push(`t${i}`, `missing${i}`);
    }
    const admin = fakeAdmin(topics);
    const facts = await inspector(admin).describe([...wanted, ...wanted]);
    expect(facts.size).toBe(400);
    expect(facts.get('t7')).toMatchObject({ status: 'ok', partitions: 4 });
    expect(facts.get('missing7')).toEqual({ status: 'missing' });
    expect(admin.listTopics).toHaveBeenCalledTimes(1);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(1);
    expect(admin.describeConfigs).toHaveBeenCalledTimes(1);
    expect(admin.fetchTopicMetadata.mock.calls[0][0].topics).toHaveLength(200);
  });

  it('says unknown for every topic when the cluster cannot be asked', async () => {
    const facts = await new TopicInspector(
      fakeCluster(() => {
        throw new KafkaUnavailableError('connection refused');
      }),
    ).describe(['a', 'b']);
    expect(facts).toEqual(
      new Map([
        ['a', { status: 'unknown' }],
        ['b', { status: 'unknown' }],
      ]),
    );
  });

  it('says unknown for every topic when listing fails', async () => {
    const admin = fakeAdmin({ a: { partitions: 1, replicas: 1 } });
    admin.listTopics.mockRejectedValue(new Error('timeout'));
    const facts = await inspector(admin).describe(['a', 'b']);
    expect(facts.get('a')).toEqual({ status: 'unknown' });
    expect(facts.get('b')).toEqual({ status: 'unknown' });
  });

  it('keeps missing topics missing when reading metadata fails, and says unknown for the others', async () => {
    const admin = fakeAdmin({ a: { partitions: 1, replicas: 1 } });
    admin.describeConfigs.mockRejectedValue(new Error('timeout'));
    const facts = await inspector(admin).describe(['a', 'b']);
    expect(facts.get('a')).toEqual({ status: 'unknown' });
    expect(facts.get('b')).toEqual({ status: 'missing' });
  });
});
