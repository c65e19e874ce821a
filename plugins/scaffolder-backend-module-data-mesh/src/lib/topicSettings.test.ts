import { describeDifferences } from './topicSettings';

describe('describeDifferences', () => {
  const settings = {
    partitions: 3,
    replicationFactor: 1,
    retentionMs: 1000,
    cleanupPolicy: 'delete' as const,
  };

  it('is empty for the same settings', () => {
    expect(describeDifferences(settings, { ...settings })).toEqual([]);
  });

  it('names each setting that differs, actual first', () => {
    expect(
      describeDifferences(settings, {
        ...settings,
        partitions: 6,
        cleanupPolicy: 'compact',
      }),
    ).toEqual([
      'partitions is 3, not 6',
      'cleanup.policy is delete, not compact',
    ]);
  });
});
