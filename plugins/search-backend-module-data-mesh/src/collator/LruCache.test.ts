import { LruCache } from './LruCache';

describe('LruCache', () => {
  it('forgets the least recently used entry beyond its size', () => {
    const cache = new LruCache<number, string>(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBe('a'); // 1 is now newer than 2
    cache.set(3, 'c');
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe('a');
    expect(cache.get(3)).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('keeps a stored empty value', () => {
    const cache = new LruCache<number, string[]>(1);
    cache.set(1, []);
    expect(cache.get(1)).toEqual([]);
  });

  it('refuses a size below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
