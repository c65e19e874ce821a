import { DEFAULT_GOVERNANCE_RULES } from './defaults';
import {
  checkPartitions,
  checkRetention,
  checkRetentionMs,
} from './topicSettings';

const rules = DEFAULT_GOVERNANCE_RULES;
const DAY = 86_400_000;

describe('checkPartitions', () => {
  it.each([1, 3, 12])('accepts %i partitions', partitions => {
    expect(checkPartitions(partitions, rules)).toEqual([]);
  });

  it('names partitions.max above the range', () => {
    expect(checkPartitions(24, rules)).toEqual([
      {
        rule: 'partitions',
        configKey: 'dataMesh.governance.partitions.max',
        message: '24 partitions is above the maximum of 12',
      },
    ]);
  });

  it('names partitions.min below the range', () => {
    expect(
      checkPartitions(1, { partitions: { min: 3, max: 6, default: 3 } }),
    ).toEqual([
      {
        rule: 'partitions',
        configKey: 'dataMesh.governance.partitions.min',
        message: '1 partition is below the minimum of 3',
      },
    ]);
  });
});

describe('checkRetention', () => {
  it.each(['PT1H', 'P7D', 'P52W', 'P365D'])('accepts %s', retention => {
    expect(checkRetention(retention, rules)).toEqual([]);
  });

  it('names retention.min below the range, as written', () => {
    expect(checkRetention('PT30M', rules)).toEqual([
      {
        rule: 'retention',
        configKey: 'dataMesh.governance.retention.min',
        message: 'retention PT30M is below the minimum PT1H',
      },
    ]);
  });

  it('names retention.max above the range', () => {
    expect(checkRetention('P53W', rules)).toEqual([
      {
        rule: 'retention',
        configKey: 'dataMesh.governance.retention.max',
        message: 'retention P53W is above the maximum P365D',
      },
    ]);
  });

  it('checks only the bounds that are set', () => {
    expect(checkRetention('PT1S', { retention: { max: 'P1D' } })).toEqual([]);
    expect(checkRetention('P999D', { retention: {} })).toEqual([]);
  });

  it('rejects text that is not a duration', () => {
    expect(() => checkRetention('a week', rules)).toThrow(
      "'a week' is not an ISO-8601 duration",
    );
  });
});

describe('checkRetentionMs', () => {
  it('accepts a retention within the range', () => {
    expect(checkRetentionMs(7 * DAY, rules)).toEqual([]);
  });

  it('shows milliseconds as a duration', () => {
    expect(checkRetentionMs(400 * DAY, rules)[0].message).toBe(
      'retention P400D is above the maximum P365D',
    );
  });

  it('treats a negative retention as forever: above any maximum', () => {
    expect(checkRetentionMs(-1, rules)).toEqual([
      {
        rule: 'retention',
        configKey: 'dataMesh.governance.retention.max',
        message: 'retention forever is above the maximum P365D',
      },
    ]);
    expect(checkRetentionMs(-1, { retention: { min: 'PT1H' } })).toEqual([]);
  });
});
