import type { SchemaField } from '@kafka-mesh/plugin-data-mesh-common';
import { comparablePath } from './maskPii';

/** What the samples of a product mask, and what the owner should fix. */
export interface PiiPaths {
  /** The descriptor's `piiFields`, then the paths only the schema marks. */
  mask: string[];
  /**
   * Paths the schema marks personal that `piiFields` does not cover: a
   * governance finding for the owner. Masked all the same.
   */
  unlisted: string[];
}

/**
 * Combines the descriptor's `piiFields` with the schema's own markings.
 * `fields` are the latest schema's fields as the Schema tab shows them
 * (`flattenSchema`, the one reader of schema PII markings), so a field the
 * tab badges as personal is masked here too. A listed path covers itself in
 * either spelling and every field below it (listing `customer` masks the
 * whole customer, `customer.email` included).
 */
export function piiPathsOf(
  piiFields: readonly string[],
  fields: readonly SchemaField[],
): PiiPaths {
  const listed = piiFields.map(comparablePath).filter(Boolean);
  const covered = (path: string) => {
    const comparable = comparablePath(path);
    return listed.some(l => comparable === l || comparable.startsWith(`${l}.`));
  };
  const unlisted = fields
    .filter(field => field.pii && !covered(field.path))
    .map(field => field.path);
  return { mask: [...piiFields, ...unlisted], unlisted };
}
