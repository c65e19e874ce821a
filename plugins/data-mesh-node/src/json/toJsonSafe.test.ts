import { toJsonSafe } from './toJsonSafe';

describe('toJsonSafe', () => {
  it('turns bytes, bigints, Longs, dates and maps into JSON', () => {
    expect(
      toJsonSafe({
        raw: Buffer.from('ab'),
        view: new Uint8Array([97, 98]),
        n: 10n,
        long: { low: 1, high: 0, unsigned: false, toString: () => '1' },
        at: new Date(0),
        m: new Map([['k', 1]]),
        list: [undefined],
      }),
    ).toEqual({
      raw: 'YWI=',
      view: 'YWI=',
      n: '10',
      long: '1',
      at: '1970-01-01T00:00:00.000Z',
      m: { k: 1 },
      list: [null],
    });
  });
});
