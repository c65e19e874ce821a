import { describeProblems, ProviderTroubles } from './describeProblems';

const healthy: ProviderTroubles = {
  cluster: 'local',
  registryTopic: '_data-products',
  products: 3,
  topicMissing: false,
  productsAtRisk: [],
};

describe('describeProblems', () => {
  it('says nothing while all is well', () => {
    expect(describeProblems(healthy)).toEqual([]);
  });

  it('names a missing registry topic, its cluster and the config key, and says the catalog keeps what it has', () => {
    const [problem, ...rest] = describeProblems({
      ...healthy,
      topicMissing: true,
    });
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^Registry topic '_data-products' does not exist on Kafka cluster 'local': check dataMesh\.registryTopic\. /,
    );
    expect(problem).toContain('The catalog never creates it');
    expect(problem).toContain('The catalog keeps the 3 products last read');
  });

  it('says the products already in the catalog stay when the topic was never read', () => {
    const [problem] = describeProblems({
      ...healthy,
      products: undefined,
      topicMissing: true,
    });
    expect(problem).toContain('The products already in the catalog stay there');
  });

  it('reports a failed catalog write with its time and cause until it is repaired', () => {
    expect(
      describeProblems({
        ...healthy,
        writeFailure: {
          at: new Date('2024-05-01T10:00:00.000Z'),
          message: 'update failed; caused by Error: database is locked',
        },
      }),
    ).toEqual([
      'The last catalog write failed at 2024-05-01T10:00:00.000Z: update failed; caused by Error: database is locked. ' +
        'All products of this cluster are written again (a full mutation) with backoff, and at the next scheduled refresh.',
    ]);
  });

  it('lists the products kept at their last valid descriptor and explains the compaction risk', () => {
    const [problem] = describeProblems({
      ...healthy,
      productsAtRisk: ['default/orders', 'sales/leads'],
    });
    expect(problem).toMatch(
      /^2 products show their last valid descriptor because a later record for them was rejected .*: default\/orders, sales\/leads\. /,
    );
    expect(problem).toContain(
      'The registry topic is compacted, so compaction can remove that last valid record, and after a restart the catalog would no longer have the product.',
    );
  });

  it('speaks of one product in the singular', () => {
    const [problem] = describeProblems({
      ...healthy,
      productsAtRisk: ['default/orders'],
    });
    expect(problem).toMatch(
      /^1 product shows its last valid descriptor because a later record for it was rejected/,
    );
  });

  it('lists every trouble at once', () => {
    expect(
      describeProblems({
        ...healthy,
        topicMissing: true,
        writeFailure: { at: new Date(0), message: 'boom' },
        productsAtRisk: ['default/orders'],
      }),
    ).toHaveLength(3);
  });
});
