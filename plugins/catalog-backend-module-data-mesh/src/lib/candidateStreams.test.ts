import { candidateStreams } from './candidateStreams';

describe('candidateStreams', () => {
  it('lists topics with a value schema that are not products, internal topics excluded', () => {
    const topics = [
      'commerce.orders-placed.v1',
      'commerce.refunds.v1',
      'commerce.carts.v1',
      '_data-products',
      '__consumer_offsets',
      '_schemas',
      'app-store-changelog',
      'app-KSTREAM-repartition',
    ];
    const subjects = new Set([
      'commerce.orders-placed.v1-value',
      'commerce.refunds.v1-value',
      '_schemas-value',
      'app-store-changelog-value',
      'app-KSTREAM-repartition-value',
    ]);
    expect(
      candidateStreams(
        'local',
        topics,
        subjects,
        new Set(['commerce.orders-placed.v1']),
      ),
    ).toEqual([
      {
        cluster: 'local',
        topic: 'commerce.refunds.v1',
        subject: 'commerce.refunds.v1-value',
      },
    ]);
  });
});
