import { RecentSalesByProduct } from './recentSales';

const MINUTE = 60_000;
const T0 = 100 * MINUTE;

describe('RecentSalesByProduct', () => {
  it('sums orders, units and revenue per article and window', () => {
    const sales = new RecentSalesByProduct(MINUTE);
    sales.addOrder({
      orderId: 'KK-1',
      placedAt: T0 + 1_000,
      lines: [
        { sku: 'SKU-1004', quantity: 1, unitPriceCents: 54900 },
        { sku: 'SKU-1002', quantity: 2, unitPriceCents: 3900 },
      ],
    });
    sales.addOrder({
      orderId: 'KK-2',
      placedAt: T0 + 2_000,
      lines: [{ sku: 'SKU-1004', quantity: 2, unitPriceCents: 54900 }],
    });
    const records = sales.flush(T0 + 5_000);
    expect(records.map(r => r.value)).toEqual([
      {
        sku: 'SKU-1004',
        productName: 'Espresso machine',
        category: 'kitchen',
        windowStart: T0,
        windowEnd: T0 + MINUTE,
        orders: 2,
        unitsSold: 3,
        revenueCents: 164700,
      },
      expect.objectContaining({ sku: 'SKU-1002', unitsSold: 2, orders: 1 }),
    ]);
    expect(records.map(r => r.key)).toEqual(['SKU-1004', 'SKU-1002']);
  });

  it('emits only what changed since the last flush, as running totals', () => {
    const sales = new RecentSalesByProduct(MINUTE);
    const line = { sku: 'SKU-1002', quantity: 1, unitPriceCents: 3900 };
    sales.addOrder({ orderId: 'KK-1', placedAt: T0, lines: [line] });
    sales.flush(T0 + 1_000);
    expect(sales.flush(T0 + 2_000)).toEqual([]);
    sales.addOrder({ orderId: 'KK-2', placedAt: T0 + 3_000, lines: [line] });
    expect(sales.flush(T0 + 4_000).map(r => r.value.unitsSold)).toEqual([2]);
  });

  it('starts a new window each minute and forgets old ones', () => {
    const sales = new RecentSalesByProduct(MINUTE);
    const line = { sku: 'SKU-1002', quantity: 1, unitPriceCents: 3900 };
    sales.addOrder({ orderId: 'KK-1', placedAt: T0, lines: [line] });
    sales.flush(T0 + 1_000);
    // Three windows later the first one is gone: a late order starts afresh.
    sales.flush(T0 + 3 * MINUTE);
    sales.addOrder({ orderId: 'KK-2', placedAt: T0 + 500, lines: [line] });
    sales.addOrder({
      orderId: 'KK-3',
      placedAt: T0 + 3 * MINUTE,
      lines: [line],
    });
    expect(
      sales
        .flush(T0 + 3 * MINUTE + 1_000)
        .map(r => [r.value.windowStart, r.value.unitsSold]),
    ).toEqual([
      [T0, 1],
      [T0 + 3 * MINUTE, 1],
    ]);
  });
});
