import { readableDuration, readableIsoDuration } from './readableDuration';

describe('readableDuration', () => {
  it.each([
    [0, '0 s'],
    [250, '250 ms'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [300_000, '5 min'],
    [90 * 60_000, '1 h 30 min'],
    [3_600_000, '1 h'],
    [2 * 86_400_000, '2 days'],
    [86_400_000 + 3_600_000, '1 day 1 h'],
    [7 * 86_400_000, '1 week'],
    [(5 * 60 + 12) * 1000, '5 min 12 s'],
  ])('says %d ms as %s', (ms, text) => {
    expect(readableDuration(ms)).toBe(text);
  });

  it('refuses negative and non-finite durations', () => {
    expect(() => readableDuration(-1)).toThrow(TypeError);
    expect(() => readableDuration(Number.NaN)).toThrow(TypeError);
  });
});

describe('readableIsoDuration', () => {
  it('reads the SLA durations', () => {
    expect(readableIsoDuration('PT5M')).toBe('5 min');
    expect(readableIsoDuration('PT1H')).toBe('1 h');
    expect(readableIsoDuration('P1D')).toBe('1 day');
    expect(readableIsoDuration('PT0.5S')).toBe('500 ms');
  });

  it('shows text that is not a duration as it is', () => {
    expect(readableIsoDuration('P1M')).toBe('P1M');
    expect(readableIsoDuration('soon')).toBe('soon');
  });
});
