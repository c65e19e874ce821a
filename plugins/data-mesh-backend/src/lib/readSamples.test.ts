import { maskKey, maskSample } from './readSamples';

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
