import type { SlaTier } from '../entity/types';
import {
  compareAvailability,
  compareFreshness,
  compareSupportHours,
  compareTiers,
} from './ordering';

describe('SLA ordering', () => {
  it('sorts tiers weakest first', () => {
    const tiers: SlaTier[] = ['tier-1', 'tier-3', 'tier-2'];
    expect(tiers.sort(compareTiers)).toEqual(['tier-3', 'tier-2', 'tier-1']);
    expect(compareTiers('tier-2', 'tier-2')).toBe(0);
  });

  it('ranks 24x7 above business hours', () => {
    expect(compareSupportHours('24x7', 'business-hours')).toBeGreaterThan(0);
    expect(compareSupportHours('business-hours', '24x7')).toBeLessThan(0);
    expect(compareSupportHours('24x7', '24x7')).toBe(0);
  });

  it('ranks higher availability as stronger', () => {
    expect(compareAvailability(99.99, 99.9)).toBeGreaterThan(0);
    expect(compareAvailability(99, 99.5)).toBeLessThan(0);
  });

  it('ranks fresher data as stronger, whatever the units', () => {
    expect(compareFreshness('PT1M', 'PT15M')).toBeGreaterThan(0);
    expect(compareFreshness('P1D', 'PT23H')).toBeLessThan(0);
    expect(compareFreshness('PT60M', 'PT1H')).toBe(0);
  });
});
