import { euResidentProfile } from './euCustomers';

describe('euResidentProfile', () => {
  it('republishes EU profiles unchanged, keyed by customer', () => {
    const profile = {
      customerId: 'C-00001',
      region: 'EU',
      email: 'a@example.com',
    };
    expect(euResidentProfile(profile, 42)).toEqual({
      product: 'eu-customer-profiles',
      key: 'C-00001',
      timestamp: 42,
      value: profile,
    });
  });

  it.each(['UK', 'NA', 'APAC'])('keeps %s profiles out', region => {
    expect(
      euResidentProfile({ customerId: 'C-1', region }, 42),
    ).toBeUndefined();
  });
});
