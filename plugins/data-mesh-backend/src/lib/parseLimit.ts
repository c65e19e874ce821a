import { InputError } from '@backstage/errors';

export const DEFAULT_SAMPLE_LIMIT = 10;
export const MAX_SAMPLE_LIMIT = 50;

/**
 * A whole-number query parameter from `min` to `max`; `fallback` when
 * absent.
 *
 * @throws InputError naming the parameter and its bounds for anything else
 */
export function parseBoundedInteger(
  raw: unknown,
  name: string,
  { min = 1, max, fallback }: { min?: number; max: number; fallback: number },
): number {
  if (raw === undefined || raw === '') return fallback;
  const message = `${name} must be an integer from ${min} to ${max}`;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
    throw new InputError(message);
  }
  const value = Number(raw);
  if (value < min || value > max) throw new InputError(message);
  return value;
}

/**
 * The `limit` query parameter of the samples route: an integer from 1 to
 * 50, 10 when absent.
 *
 * @throws InputError for anything else
 */
export function parseLimit(raw: unknown): number {
  return parseBoundedInteger(raw, 'limit', {
    max: MAX_SAMPLE_LIMIT,
    fallback: DEFAULT_SAMPLE_LIMIT,
  });
}
