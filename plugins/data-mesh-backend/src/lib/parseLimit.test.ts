import { InputError } from '@backstage/errors';
import { parseBoundedInteger, parseLimit } from './parseLimit';

describe('parseLimit', () => {
  it('defaults to 10', () => {
    expect(parseLimit(undefined)).toBe(10);
    expect(parseLimit('')).toBe(10);
  });

  it.each(['1', '10', '50'])('accepts %s', raw => {
    expect(parseLimit(raw)).toBe(Number(raw));
  });

  it.each(['0', '51', '-1', '1.5', 'ten', '1e1', ' 5'])('rejects %p', raw => {
    expect(() => parseLimit(raw)).toThrow(InputError);
  });

  it('rejects a repeated parameter', () => {
    expect(() => parseLimit(['1', '2'])).toThrow(InputError);
  });
});

describe('parseBoundedInteger', () => {
  const count = (raw: unknown) =>
    parseBoundedInteger(raw, 'count', { min: 0, max: 1000, fallback: 20 });

  it('reads the value within its bounds, the fallback when absent', () => {
    expect(count(undefined)).toBe(20);
    expect(count('0')).toBe(0);
    expect(count('1000')).toBe(1000);
  });

  it('names the parameter and its bounds when out of them', () => {
    expect(() => count('1001')).toThrow(
      new InputError('count must be an integer from 0 to 1000'),
    );
    expect(() => count('-3')).toThrow(
      'count must be an integer from 0 to 1000',
    );
  });
});
