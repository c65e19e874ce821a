import { mapLimited } from './mapLimited';

describe('mapLimited', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const results = await mapLimited([5, 1, 4, 2, 3], 2, async n => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      // Yield a varying number of times so that calls overlap and finish out of order.
      for (let i = 0; i < n; i++) await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(mostAtOnce).toBe(2);
  });

  it('returns nothing for no items', async () => {
    const fn = jest.fn(async () => 1);
    await expect(mapLimited([], 4, fn)).resolves.toEqual([]);
    expect(fn).not.toHaveBeenCalled();
  });

  it('rejects when a call fails', async () => {
    await expect(
      mapLimited([1, 2], 2, async n => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
  });
});
