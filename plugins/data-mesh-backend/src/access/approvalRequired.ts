import type { DataClassification } from '@kafka-mesh/plugin-data-mesh-common';
import { DEFAULT_CLASSIFICATION } from '@kafka-mesh/plugin-data-mesh-node';

/**
 * Whether access to a product of this classification waits for an owner's
 * approval. A product without a classification counts as `internal`, so
 * that leaving the field out never makes a product easier to get.
 */
export function isApprovalRequired(
  classification: DataClassification | undefined,
  approvalRequired: readonly DataClassification[],
): boolean {
  return approvalRequired.includes(classification ?? DEFAULT_CLASSIFICATION);
}
