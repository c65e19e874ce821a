import { InputError } from '@backstage/errors';
import { parseLimit } from './parseLimit';

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
