import { InputError } from '@backstage/errors';
import { validateNewRequest } from './validateNewRequest';

const limits = { maxDuration: 'P90D', maxDurationMs: 90 * 86_400_000 };
const valid = {
  principal: 'resource:default/billing-app',
  groupPrefix: 'billing.orders',
  purpose: 'Invoices from orders',
  duration: 'P30D',
};
const check = (patch: object) =>
  validateNewRequest({ ...valid, ...patch }, limits);

describe('validateNewRequest', () => {
  it('accepts a valid request and makes the principal ref canonical', () => {
    expect(check({ principal: 'billing-app' })).toEqual({
      ...valid,
      durationMs: 30 * 86_400_000,
    });
  });

  it.each([
    [{ principal: 'component:default/x' }, 'not of a component'],
    [{ principal: 42 }, 'principal must be a string'],
    [{ groupPrefix: 'ab' }, 'groupPrefix must be 3 to 100'],
    [{ groupPrefix: 'a b c' }, 'groupPrefix must be 3 to 100'],
    [{ groupPrefix: 'x'.repeat(101) }, 'groupPrefix must be 3 to 100'],
    [
      { groupPrefix: 'backstage-data-mesh-x' },
      "must not start with 'backstage-data-mesh-'",
    ],
    [{ purpose: 'ab' }, 'purpose must be 3 to 500'],
    [{ purpose: 'x'.repeat(501) }, 'purpose must be 3 to 500'],
    [{ duration: 'P1M' }, 'years or months'],
    [{ duration: 'soon' }, 'not an ISO-8601 duration'],
    [{ duration: 'PT0S' }, 'longer than zero'],
    [{ duration: 'P91D' }, "'P91D' is longer than the maximum, P90D"],
  ])('refuses %j', (patch, message) => {
    expect(() => check(patch)).toThrow(InputError);
    expect(() => check(patch)).toThrow(message);
  });

  it('refuses a body that is not an object', () => {
    expect(() => validateNewRequest([], limits)).toThrow('JSON object');
    expect(() => validateNewRequest(null, limits)).toThrow('JSON object');
  });
});
