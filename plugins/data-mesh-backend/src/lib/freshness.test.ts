import { classifyFreshness, judgeFreshness } from './freshness';

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

describe('judgeFreshness', () => {
  const sla = 60_000;
  const now = Date.parse('2026-01-01T12:00:00.000Z');

  it('judges the age of the newest record at the time of observation', () => {
    expect(judgeFreshness(now - 10_000, sla, now)).toEqual({
      status: 'ok',
      slaMs: sla,
      ageMs: 10_000,
    });
    expect(judgeFreshness(now - 3_600_000, sla, now)).toEqual({
      status: 'breached',
      slaMs: sla,
      ageMs: 3_600_000,
    });
  });

  it('has no age without a record', () => {
    expect(judgeFreshness(undefined, sla, now)).toEqual({
      status: 'unknown',
      slaMs: sla,
    });
  });

  it('counts a record stamped ahead of the clock as just written', () => {
    expect(judgeFreshness(now + 5_000, sla, now)).toEqual({
      status: 'ok',
      slaMs: sla,
      ageMs: 0,
    });
  });
});
