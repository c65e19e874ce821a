import { formatIsoDuration, parseIsoDuration } from '../sla/isoDuration';
import type { GovernanceRules, GovernanceViolation } from './types';
import { violation } from './violations';

/**
 * A topic's partition count against `partitions.min` and `.max`.
 *
 * @public
 */
export function checkPartitions(
  partitions: number,
  rules: Pick<GovernanceRules, 'partitions'>,
): GovernanceViolation[] {
  const { min, max } = rules.partitions;
  const count = `${partitions} partition${partitions === 1 ? '' : 's'}`;
  if (partitions < min) {
    return [
      violation(
        'partitions',
        'partitions.min',
        `${count} is below the minimum of ${min}`,
      ),
    ];
  }
  if (partitions > max) {
    return [
      violation(
        'partitions',
        'partitions.max',
        `${count} is above the maximum of ${max}`,
      ),
    ];
  }
  return [];
}

/** `retentionMs` against the range; negative is forever. */
function checkRetentionRange(
  retentionMs: number,
  shown: string,
  rules: Pick<GovernanceRules, 'retention'>,
): GovernanceViolation[] {
  const { min, max } = rules.retention;
  const forever = retentionMs < 0;
  if (min !== undefined && !forever && retentionMs < parseIsoDuration(min)) {
    return [
      violation(
        'retention',
        'retention.min',
        `retention ${shown} is below the minimum ${min}`,
      ),
    ];
  }
  if (max !== undefined && (forever || retentionMs > parseIsoDuration(max))) {
    return [
      violation(
        'retention',
        'retention.max',
        `retention ${shown} is above the maximum ${max}`,
      ),
    ];
  }
  return [];
}

/**
 * A topic's `retention.ms` (negative means forever) against
 * `retention.min` and `.max`.
 *
 * @public
 */
export function checkRetentionMs(
  retentionMs: number,
  rules: Pick<GovernanceRules, 'retention'>,
): GovernanceViolation[] {
  const shown = retentionMs < 0 ? 'forever' : formatIsoDuration(retentionMs);
  return checkRetentionRange(retentionMs, shown, rules);
}

/**
 * An ISO-8601 retention against `retention.min` and `.max`.
 *
 * @throws TypeError when `isoDuration` is not a supported duration
 *
 * @public
 */
export function checkRetention(
  isoDuration: string,
  rules: Pick<GovernanceRules, 'retention'>,
): GovernanceViolation[] {
  return checkRetentionRange(parseIsoDuration(isoDuration), isoDuration, rules);
}
