import { InputError } from '@backstage/errors';

export const DEFAULT_SAMPLE_LIMIT = 10;
export const MAX_SAMPLE_LIMIT = 50;

/**
 * The `limit` query parameter of the samples route: an integer from 1 to
 * 50, 10 when absent.
 *
 * @throws InputError for anything else
 */
export function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return DEFAULT_SAMPLE_LIMIT;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
    throw new InputError(
      `limit must be an integer from 1 to ${MAX_SAMPLE_LIMIT}`,
    );
  }
  const limit = Number(raw);
  if (limit < 1 || limit > MAX_SAMPLE_LIMIT) {
    throw new InputError(
      `limit must be an integer from 1 to ${MAX_SAMPLE_LIMIT}`,
    );
  }
  return limit;
}
