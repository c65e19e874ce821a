import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles the wait after each failure up to the cap, and resets on success', () => {
    let now = 1000;
    const backoff = new Backoff(500, 2000, () => now);
    expect(backoff.waitMs()).toBe(0);
    const waits = [];
    for (let i = 0; i < 4; i++) {
      backoff.failed();
      waits.push(backoff.waitMs());
    }
    expect(waits).toEqual([500, 1000, 2000, 2000]);
    now += 1500;
    expect(backoff.waitMs()).toBe(500);
    backoff.succeeded();
    expect(backoff.waitMs()).toBe(0);
    backoff.failed();
    expect(backoff.waitMs()).toBe(500);
  });
});
