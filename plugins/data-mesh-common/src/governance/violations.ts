import {
  GOVERNANCE_CONFIG_KEY,
  GovernanceRuleName,
  GovernanceViolation,
} from './types';

/** A violation of `rule`, set by `dataMesh.governance.<key>`. */
export function violation(
  rule: GovernanceRuleName,
  key: string,
  message: string,
): GovernanceViolation {
  return { rule, configKey: `${GOVERNANCE_CONFIG_KEY}.${key}`, message };
}

/**
 * One line per violation, `<message> (rule <rule>, set by <configKey>)`, so
 * that whoever reads it knows both what to fix and which rule to question.
 *
 * @public
 */
export function formatViolations(violations: GovernanceViolation[]): string {
  return violations
    .map(v => `${v.message} (rule ${v.rule}, set by ${v.configKey})`)
    .join('\n');
}
