import { formatIsoDuration, parseIsoDuration } from './isoDuration';

describe('parseIsoDuration', () => {
  it.each([
    ['PT5M', 300_000],
    ['PT1H', 3_600_000],
    ['P7D', 604_800_000],
    ['P2W', 1_209_600_000],
    ['P1DT2H3M4S', 93_784_000],
    ['PT0.5S', 500],
    ['PT1,25S', 1250],
    ['PT0S', 0],
  ])('parses %s', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    'five minutes',
    '',
    'P',
    'PT',
    'P1DT',
    '5M',
    'PT5',
    'PT1.5M',
    '-PT5M',
  ])('rejects %j as not a duration', text => {
    expect(() => parseIsoDuration(text)).toThrow(
      `'${text}' is not an ISO-8601 duration`,
    );
  });

  it.each(['P1M', 'P1Y', 'P1Y2M3D', 'P1MT5M'])(
    'rejects %s because months and years have no fixed length',
    text => {
      expect(() => parseIsoDuration(text)).toThrow(
        `'${text}' uses years or months, which have no fixed length; use weeks, days, hours, minutes or seconds`,
      );
    },
  );
});

describe('formatIsoDuration', () => {
  it.each([
    [300_000, 'PT5M'],
    [90_000_000, 'P1DT1H'],
    [1_209_600_000, 'P14D'],
    [1500, 'PT1.5S'],
    [0, 'PT0S'],
    [0.1 * 60_000, 'PT6S'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatIsoDuration(ms)).toBe(text);
  });

  it('round-trips what it formats', () => {
    for (const text of ['P1DT2H3M4S', 'PT0.5S', 'P3D', 'PT45M']) {
      expect(formatIsoDuration(parseIsoDuration(text))).toBe(text);
    }
  });

  it.each([-1, NaN, Infinity])('rejects %d', ms => {
    expect(() => formatIsoDuration(ms)).toThrow(
      'is not a non-negative duration',
    );
  });
});
