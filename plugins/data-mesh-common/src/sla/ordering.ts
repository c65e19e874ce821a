import {
  SLA_TIERS,
  SUPPORT_HOURS,
  SlaTier,
  SupportHours,
} from '../entity/types';
import { parseIsoDuration } from './isoDuration';

// Every comparator orders by strength of the promise: negative when `a` is
// weaker than `b`, zero when equal, positive when `a` is stronger. Sorting
// with one puts the weakest first.

/**
 * tier-1 is the strongest, tier-3 the weakest.
 *
 * @public
 */
export function compareTiers(a: SlaTier, b: SlaTier): number {
  return SLA_TIERS.indexOf(b) - SLA_TIERS.indexOf(a);
}

/**
 * 24x7 is stronger than business-hours.
 *
 * @public
 */
export function compareSupportHours(a: SupportHours, b: SupportHours): number {
  return SUPPORT_HOURS.indexOf(b) - SUPPORT_HOURS.indexOf(a);
}

/**
 * Higher availability is stronger.
 *
 * @public
 */
export function compareAvailability(a: number, b: number): number {
  return a - b;
}

/**
 * Fresher is stronger: a shorter maximum age wins.
 *
 * @public
 */
export function compareFreshness(a: string, b: string): number {
  return parseIsoDuration(b) - parseIsoDuration(a);
}
