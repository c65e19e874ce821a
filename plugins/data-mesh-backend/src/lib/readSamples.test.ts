import { maskKey, maskSample, newestFirst } from './readSamples';

const record = (partition: number, offset: number, timestamp: number) => ({
  topic: 't',
  partition,
  offset: String(offset),
  timestamp,
  key: null,
  value: null,
});

describe('newestFirst', () => {
  it('keeps the newest records over all partitions', () => {
    const records = [
      record(0, 1, 100),
      record(1, 7, 300),
      record(0, 2, 200),
      record(1, 6, 50),
    ];
    expect(newestFirst(records, 3).map(r => [r.partition, r.offset])).toEqual([
      [1, '7'],
      [0, '2'],
      [0, '1'],
    ]);
  });
});

describe('maskSample', () => {
  it('masks the listed paths of a decoded value', () => {
    expect(maskSample({ email: 'a', id: 1 }, ['email'])).toEqual({
      value: { email: '••••', id: 1 },
      masked: ['email'],
    });
  });

  it('masks a value it cannot look into, since the PII could be anywhere', () => {
    expect(maskSample('<undecodable: x>', ['email'])).toEqual({
      value: '••••',
      masked: ['email'],
    });
  });

  it('leaves values alone when nothing is to be masked', () => {
    expect(maskSample('text', [])).toEqual({ value: 'text', masked: [] });
    expect(maskSample(null, ['email'])).toEqual({ value: null, masked: [] });
  });
});

describe('maskKey', () => {
  it('masks the personal fields of a key that decodes to an object', () => {
    expect(
      maskKey({ orderId: 'o-1', customer: { email: 'a@b.c' } }, [
        'customer.email',
      ]),
    ).toEqual({
      key: '{"orderId":"o-1","customer":{"email":"••••"}}',
      masked: ['key:customer.email'],
    });
  });

  it('keeps a plain key as it is', () => {
    expect(maskKey('o-1', ['customer.email'])).toEqual({
      key: 'o-1',
      masked: [],
    });
    expect(maskKey(42, ['customer.email'])).toEqual({
      key: '42',
      masked: [],
    });
  });
});
