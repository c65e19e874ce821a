import type { OutputFormat } from '../entity/types';
import type { GovernanceRules, GovernanceViolation } from './types';
import { violation } from './violations';

/**
 * A schema format against `allowedFormats`.
 *
 * @public
 */
export function checkSchemaFormat(
  format: OutputFormat,
  rules: Pick<GovernanceRules, 'allowedFormats'>,
): GovernanceViolation[] {
  if (rules.allowedFormats.includes(format)) return [];
  return [
    violation(
      'allowed-formats',
      'allowedFormats',
      `format ${format} is not allowed; allowed: ${rules.allowedFormats.join(
        ', ',
      )}`,
    ),
  ];
}
