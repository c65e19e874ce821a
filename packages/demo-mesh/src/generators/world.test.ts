import { ARTICLES, articleOf, createCustomers, CUSTOMER_COUNT } from './world';

describe('the reference data', () => {
  it('has the same customers on every start', () => {
    expect(createCustomers()).toEqual(createCustomers());
    expect(createCustomers()).toHaveLength(CUSTOMER_COUNT);
  });

  it('gives customers unique ids and e-mail addresses, and a region matching the country', () => {
    const customers = createCustomers();
    expect(new Set(customers.map(c => c.customerId)).size).toBe(CUSTOMER_COUNT);
    expect(new Set(customers.map(c => c.email)).size).toBe(CUSTOMER_COUNT);
    for (const c of customers) {
      expect(c.email).toMatch(/^[a-z]+\.[a-z]+\d+@example\.com$/);
    }
    const regionsOf = (country: string) =>
      new Set(
        customers.filter(c => c.address.country === country).map(c => c.region),
      );
    expect(regionsOf('GB')).toEqual(new Set(['UK']));
    expect(regionsOf('DE')).toEqual(new Set(['EU']));
    expect(regionsOf('US')).toEqual(new Set(['NA']));
    const eu = customers.filter(c => c.region === 'EU').length;
    expect(eu).toBeGreaterThan(CUSTOMER_COUNT / 3);
    expect(eu).toBeLessThan(CUSTOMER_COUNT);
  });

  it('has unique SKUs and looks articles up by SKU', () => {
    expect(new Set(ARTICLES.map(a => a.sku)).size).toBe(ARTICLES.length);
    expect(articleOf('SKU-1004').name).toBe('Espresso machine');
    expect(articleOf('SKU-9999')).toMatchObject({ category: 'unknown' });
  });
});
