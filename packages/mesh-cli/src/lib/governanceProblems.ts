import {
  checkDescriptorGovernance,
  formatViolations,
  GovernanceRules,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { LoadedDescriptor } from './loadDescriptors';

/**
 * The governance rules each descriptor breaks, as problem lines in the
 * style of loadDescriptors: `<file>: <name>: <violation>`.
 */
export function governanceProblems(
  descriptors: LoadedDescriptor[],
  rules: GovernanceRules,
): string[] {
  return descriptors.flatMap(({ file, entity }) => {
    const violations = checkDescriptorGovernance(entity, rules);
    if (violations.length === 0) return [];
    return formatViolations(violations)
      .split('\n')
      .map(line => `${file}: ${entity.metadata.name}: ${line}`);
  });
}
