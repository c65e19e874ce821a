import type { SlaTier } from '../entity/types';
import type { GovernanceRules, GovernanceViolation } from './types';
import { violation } from './violations';

/**
 * A product's number of quality rules against its tier's minimum.
 *
 * @public
 */
export function checkQualityRuleCount(
  tier: SlaTier,
  count: number,
  rules: Pick<GovernanceRules, 'minQualityRules'>,
): GovernanceViolation[] {
  const minimum = rules.minQualityRules[tier] ?? 0;
  if (count >= minimum) return [];
  return [
    violation(
      'min-quality-rules',
      `minQualityRules.${tier}`,
      `${count} quality rule${
        count === 1 ? '' : 's'
      }, but ${tier} products need at least ${minimum}`,
    ),
  ];
}
