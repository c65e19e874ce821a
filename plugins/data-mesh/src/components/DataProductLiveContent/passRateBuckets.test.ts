import { passRateBuckets } from './passRateBuckets';

const point = (passed: boolean) => ({
  checkedAt: '2026-01-01T00:00:00.000Z',
  value: 0,
  passed,
  checked: 1,
});

describe('passRateBuckets', () => {
  it('buckets pass rates', () => {
    expect(passRateBuckets([])).toEqual([]);
    expect(passRateBuckets([true, false].map(p => point(p)))).toEqual([1, 0]);
    const many = Array.from({ length: 48 }, (_, i) => point(i % 2 === 0));
    expect(passRateBuckets(many)).toEqual(Array(24).fill(0.5));
  });
});
