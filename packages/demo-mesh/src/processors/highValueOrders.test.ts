import {
  HighValueOrderReview,
  OrderForReview,
  ProfileForReview,
} from './highValueOrders';

const PLACED = Date.UTC(2026, 5, 1);

const profile = (
  customerId: string,
  overrides: Partial<ProfileForReview> = {},
): ProfileForReview => ({
  customerId,
  fullName: 'Anna Müller',
  email: 'anna.muller1@example.com',
  membershipTier: 'GOLD',
  memberSince: '2019-03-01',
  address: { country: 'DE' },
  ...overrides,
});

const order = (overrides: Partial<OrderForReview> = {}): OrderForReview => ({
  orderId: 'KK-1',
  customerId: 'C-00001',
  totalCents: 54900,
  currency: 'EUR',
  shippingAddress: { country: 'DE' },
  placedAt: PLACED,
  ...overrides,
});

describe('HighValueOrderReview', () => {
  it('flags an expensive order with the customer it joined', () => {
    const review = new HighValueOrderReview();
    review.rememberProfile(profile('C-00001'));
    expect(review.review(order())).toEqual({
      product: 'high-value-orders',
      key: 'KK-1',
      timestamp: PLACED,
      value: {
        orderId: 'KK-1',
        customerId: 'C-00001',
        customerName: 'Anna Müller',
        customerEmail: 'anna.muller1@example.com',
        membershipTier: 'GOLD',
        customerSince: '2019-03-01',
        totalCents: 54900,
        currency: 'EUR',
        shippingCountry: 'DE',
        reasons: ['total 549.00 EUR is at least 400.00'],
        placedAt: PLACED,
      },
    });
  });

  it('lets ordinary orders of known customers through', () => {
    const review = new HighValueOrderReview();
    review.rememberProfile(profile('C-00001'));
    expect(review.review(order({ totalCents: 20000 }))).toBeUndefined();
  });

  it('flags mid-sized orders of unknown and brand-new customers, and foreign deliveries', () => {
    const review = new HighValueOrderReview();
    review.rememberProfile(profile('C-00002', { memberSince: '2026-05-20' }));
    review.rememberProfile(profile('C-00003'));
    expect(
      review.review(order({ customerId: 'C-00009', totalCents: 20000 }))?.value,
    ).toMatchObject({
      membershipTier: 'UNKNOWN',
      customerName: null,
      reasons: ['no customer profile found'],
    });
    expect(
      review.review(order({ customerId: 'C-00002', totalCents: 20000 }))?.value
        .reasons,
    ).toEqual(['account opened less than 30 days ago']);
    expect(
      review.review(
        order({
          customerId: 'C-00003',
          totalCents: 5000,
          shippingAddress: { country: 'US' },
        }),
      )?.value.reasons,
    ).toEqual(['ships to US, customer lives in DE']);
  });

  it('uses the latest profile and keeps only the most recently updated customers', () => {
    const review = new HighValueOrderReview(2);
    review.rememberProfile(profile('C-00001'));
    review.rememberProfile(profile('C-00002'));
    review.rememberProfile(profile('C-00001', { membershipTier: 'PLATINUM' }));
    review.rememberProfile(profile('C-00003'));
    expect(review.knownCustomers).toBe(2);
    expect(review.review(order())?.value.membershipTier).toBe('PLATINUM');
    expect(
      review.review(order({ customerId: 'C-00002' }))?.value.membershipTier,
    ).toBe('UNKNOWN');
  });
});
