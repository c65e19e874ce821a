import { InventoryShrinkage } from './inventoryShrinkage';

const WINDOW = 5 * 60_000;
const GRACE = 60_000;
const T0 = 1000 * WINDOW;

describe('InventoryShrinkage', () => {
  it('reports what left a warehouse without an invoice, per article and window', () => {
    const shrinkage = new InventoryShrinkage(WINDOW, GRACE);
    shrinkage.received('SKU-1001', 24, T0 + 1_000);
    shrinkage.shipped('SKU-1001', 3, T0 + 2_000);
    shrinkage.invoiced('SKU-1001', 2, T0 + 2_000);
    shrinkage.shipped('SKU-1001', 1, T0 + 3_000); // a write-off
    shrinkage.shipped('SKU-1002', 1, T0 + 3_000);
    shrinkage.invoiced('SKU-1002', 1, T0 + 3_000);

    expect(shrinkage.closeWindows(T0 + WINDOW)).toEqual([]); // grace period
    const records = shrinkage.closeWindows(T0 + WINDOW + GRACE);
    expect(records.map(r => r.value)).toEqual([
      {
        sku: 'SKU-1001',
        windowStart: T0,
        windowEnd: T0 + WINDOW,
        receivedUnits: 24,
        shippedUnits: 4,
        invoicedUnits: 2,
        unaccountedUnits: 2,
        shrinkagePercent: 50,
      },
      expect.objectContaining({ sku: 'SKU-1002', unaccountedUnits: 0 }),
    ]);
    expect(shrinkage.closeWindows(T0 + WINDOW + GRACE)).toEqual([]);
  });

  it('never reports invoices ahead of goods as negative shrinkage', () => {
    const shrinkage = new InventoryShrinkage(WINDOW, GRACE);
    shrinkage.invoiced('SKU-1001', 2, T0);
    const [record] = shrinkage.closeWindows(T0 + WINDOW + GRACE);
    expect(record.value).toMatchObject({
      shippedUnits: 0,
      unaccountedUnits: 0,
      shrinkagePercent: 0,
    });
  });

  it('drops events for windows it already reported', () => {
    const shrinkage = new InventoryShrinkage(WINDOW, GRACE);
    shrinkage.shipped('SKU-1001', 1, T0);
    shrinkage.closeWindows(T0 + WINDOW + GRACE);
    shrinkage.shipped('SKU-1001', 5, T0 + 10);
    shrinkage.shipped('SKU-1001', 1, T0 + WINDOW);
    const records = shrinkage.closeWindows(T0 + 2 * WINDOW + GRACE);
    expect(
      records.map(r => [r.value.windowStart, r.value.shippedUnits]),
    ).toEqual([[T0 + WINDOW, 1]]);
  });
});
