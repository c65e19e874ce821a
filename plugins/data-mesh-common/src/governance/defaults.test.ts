import { SLA_TIERS } from '../entity/types';
import { DEFAULT_GOVERNANCE_RULES as rules } from './defaults';
import { explainInvalidTopicNaming } from './topicNaming';
import { checkPartitions, checkRetention } from './topicSettings';

// The defaults must obey themselves, or topic creation with no config at
// all would produce topics the catalog then flags.
describe('DEFAULT_GOVERNANCE_RULES', () => {
  it('has a usable naming rule', () => {
    expect(explainInvalidTopicNaming(rules.topicNaming)).toBeUndefined();
  });

  it('has a default partition count within its own range', () => {
    expect(checkPartitions(rules.partitions.default, rules)).toEqual([]);
  });

  it.each(SLA_TIERS.map(tier => [tier]))(
    'gives %s topics a retention within its own range',
    tier => {
      expect(
        checkRetention(rules.topicDefaults[tier].retention, rules),
      ).toEqual([]);
    },
  );
});
