import { timeAgoText } from './timeAgoText';

describe('timeAgoText', () => {
  const since = Date.parse('2026-01-01T12:00:00.000Z');

  it('says how long ago a time was, in at most two units', () => {
    expect(timeAgoText('2026-01-01T11:56:00.000Z', since)).toBe('4 min ago');
    expect(timeAgoText('2026-01-01T10:29:30.000Z', since)).toBe(
      '1 h 30 min ago',
    );
    expect(timeAgoText('2025-12-29T12:00:00.000Z', since)).toBe('3 days ago');
  });

  it('says just now under a second and for a time after the reference, and rejects non-times', () => {
    expect(timeAgoText('2026-01-01T11:59:59.511Z', since)).toBe('just now');
    expect(timeAgoText('2026-01-01T11:59:59.000Z', since)).toBe('1 s ago');
    expect(timeAgoText('2026-01-01T12:00:05.000Z', since)).toBe('just now');
    expect(timeAgoText('yesterday', since)).toBeUndefined();
  });
});
