import { isError } from '@backstage/errors';
import {
  DataProductEntity,
  formatValidationErrors,
  MAX_DESCRIPTOR_BYTES,
  parseProductId,
  productIdOf,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * What one record of the registry topic means for the catalog.
 *
 * @public
 */
export type DescriptorRecord =
  | { type: 'upsert'; id: string; entity: DataProductEntity }
  | { type: 'tombstone'; id: string }
  | { type: 'invalid'; id?: string; reason: string };

/**
 * Decodes a registry topic record: key = product id, value = descriptor JSON,
 * no value = unpublished. Never throws: a bad record must not stop the
 * records after it, so every problem becomes an `invalid` result.
 *
 * @public
 */
export function parseDescriptorRecord(
  key: Buffer | null,
  value: Buffer | null,
  maxBytes: number = MAX_DESCRIPTOR_BYTES,
): DescriptorRecord {
  if (!key || key.length === 0) {
    return {
      type: 'invalid',
      reason:
        'the record has no key; it must be the product id <namespace>/<name>',
    };
  }
  const id = key.toString('utf8');
  try {
    parseProductId(id);
  } catch (error) {
    return { type: 'invalid', reason: messageOf(error) };
  }
  if (value === null) return { type: 'tombstone', id };
  if (value.length > maxBytes) {
    return {
      type: 'invalid',
      id,
      reason: `the descriptor is ${value.length} bytes, more than the limit of ${maxBytes}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return {
      type: 'invalid',
      id,
      reason: `the descriptor is not JSON: ${messageOf(error)}`,
    };
  }
  const result = validateDataProductEntity(parsed);
  if (!result.valid) {
    return {
      type: 'invalid',
      id,
      reason: formatValidationErrors(result.errors).replace(/\n/g, '; '),
    };
  }
  const named = productIdOf(result.entity);
  if (named !== id) {
    return {
      type: 'invalid',
      id,
      reason: `the key '${id}' does not match the descriptor's <namespace>/<name> '${named}'`,
    };
  }
  return { type: 'upsert', id, entity: result.entity };
}

function messageOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}
