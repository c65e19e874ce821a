import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_KAFKA_READS_PER_CLUSTER,
  DEFAULT_SYNTHETIC_GENERATIONS,
  readRequestLimits,
} from './requestLimits';

describe('readRequestLimits', () => {
  it('caps at the defaults when the config says nothing', () => {
    const limits = readRequestLimits(new ConfigReader({}));
    expect(limits.kafkaReads.limit).toBe(DEFAULT_KAFKA_READS_PER_CLUSTER);
    expect(limits.synthetic.limit).toBe(DEFAULT_SYNTHETIC_GENERATIONS);
  });

  it('reads dataMesh.limits', () => {
    const limits = readRequestLimits(
      new ConfigReader({
        dataMesh: {
          limits: { kafkaReadsPerCluster: 7, syntheticGenerations: 1 },
        },
      }),
    );
    expect(limits.kafkaReads.limit).toBe(7);
    expect(limits.synthetic.limit).toBe(1);
    limits.synthetic.enter('');
    expect(() => limits.synthetic.enter('')).toThrow(
      'Too many synthetic record generations at once (at most 1); try again in 2 s',
    );
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() =>
      readRequestLimits(
        new ConfigReader({ dataMesh: { limits: { kafkaReadsPerCluster: 0 } } }),
      ),
    ).toThrow(
      'dataMesh.limits.kafkaReadsPerCluster must be a positive integer, not 0',
    );
  });
});
