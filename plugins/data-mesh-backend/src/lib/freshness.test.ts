import { classifyFreshness } from './freshness';

describe('classifyFreshness', () => {
  const sla = 5 * 60_000;

  it.each([
    [0, 'ok'],
    [sla * 0.8, 'ok'],
    [sla * 0.8 + 1, 'at-risk'],
    [sla, 'at-risk'],
    [sla + 1, 'breached'],
    [undefined, 'unknown'],
    [NaN, 'unknown'],
  ])('an age of %p ms is %s', (age, status) => {
    expect(classifyFreshness(age, sla)).toBe(status);
  });
});
