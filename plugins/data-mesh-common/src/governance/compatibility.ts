import type { SlaTier } from '../entity/types';
import type {
  CompatibilityLevel,
  GovernanceRules,
  GovernanceViolation,
} from './types';
import { violation } from './violations';

// What each level guarantees, itself included. A transitive level checks
// against every earlier version, so it implies its non-transitive twin; FULL
// is BACKWARD and FORWARD together; everything implies NONE.
const IMPLIES: Record<CompatibilityLevel, readonly CompatibilityLevel[]> = {
  NONE: ['NONE'],
  BACKWARD: ['BACKWARD', 'NONE'],
  BACKWARD_TRANSITIVE: ['BACKWARD_TRANSITIVE', 'BACKWARD', 'NONE'],
  FORWARD: ['FORWARD', 'NONE'],
  FORWARD_TRANSITIVE: ['FORWARD_TRANSITIVE', 'FORWARD', 'NONE'],
  FULL: ['FULL', 'BACKWARD', 'FORWARD', 'NONE'],
  FULL_TRANSITIVE: [
    'FULL_TRANSITIVE',
    'FULL',
    'BACKWARD_TRANSITIVE',
    'BACKWARD',
    'FORWARD_TRANSITIVE',
    'FORWARD',
    'NONE',
  ],
};

/**
 * Whether `level` is `minimum` or stricter, i.e. implies it.
 *
 * @public
 */
export function compatibilitySatisfies(
  level: CompatibilityLevel,
  minimum: CompatibilityLevel,
): boolean {
  return IMPLIES[level].includes(minimum);
}

/**
 * The subject's compatibility level against the tier's minimum.
 *
 * @public
 */
export function checkCompatibility(
  tier: SlaTier,
  level: CompatibilityLevel,
  rules: GovernanceRules,
): GovernanceViolation[] {
  const minimum = rules.minCompatibility[tier];
  if (!minimum || compatibilitySatisfies(level, minimum)) return [];
  return [
    violation(
      'min-compatibility',
      `minCompatibility.${tier}`,
      `compatibility ${level} is not ${minimum} or stricter, as ${tier} products need`,
    ),
  ];
}
