import { durationLabel } from './accessFormat';

describe('durationLabel', () => {
  it('names the durations the form offers as the form does', () => {
    expect(durationLabel('P7D')).toBe('7 days');
    expect(durationLabel('P30D')).toBe('30 days');
  });

  it('says other durations as people do, and shows unreadable ones as they are', () => {
    expect(durationLabel('PT20S')).toBe('20 s');
    expect(durationLabel('P2W')).toBe('2 weeks');
    expect(durationLabel('P1M')).toBe('P1M');
  });
});
