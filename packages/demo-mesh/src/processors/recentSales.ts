import { articleOf } from '../generators/world';
import { DemoRecord, PRODUCTS } from '../mesh/productNames';
import { windowStartOf } from './windows';

/** The fields of a checkout-orders-placed record this processor reads. */
export interface PlacedOrder {
  orderId: string;
  lines: Array<{ sku: string; quantity: number; unitPriceCents: number }>;
  placedAt: number;
}

interface Sales {
  sku: string;
  windowStart: number;
  orders: number;
  unitsSold: number;
  revenueCents: number;
}

/**
 * Recent sales by product: orders, units and revenue per article in
 * tumbling windows of event time. {@link flush} returns the running totals
 * of every window that changed since the last flush, so the dashboard sees
 * a window grow while it is open; the last record per window is final.
 * Windows older than the previous one are forgotten.
 */
export class RecentSalesByProduct {
  private readonly windows = new Map<string, Sales>();
  private readonly changed = new Set<string>();

  constructor(private readonly windowMs = 60_000) {}

  addOrder(order: PlacedOrder): void {
    const windowStart = windowStartOf(order.placedAt, this.windowMs);
    for (const line of order.lines) {
      const key = `${windowStart}/${line.sku}`;
      const sales = this.windows.get(key) ?? {
        sku: line.sku,
        windowStart,
        orders: 0,
        unitsSold: 0,
        revenueCents: 0,
      };
      sales.orders += 1;
      sales.unitsSold += line.quantity;
      sales.revenueCents += line.quantity * line.unitPriceCents;
      this.windows.set(key, sales);
      this.changed.add(key);
    }
  }

  flush(now: number): DemoRecord[] {
    const records = [...this.changed].map(key => {
      const sales = this.windows.get(key)!;
      const article = articleOf(sales.sku);
      return {
        product: PRODUCTS.recentSales,
        key: sales.sku,
        timestamp: now,
        value: {
          ...sales,
          productName: article.name,
          category: article.category,
          windowEnd: sales.windowStart + this.windowMs,
        },
      };
    });
    this.changed.clear();
    const oldest = windowStartOf(now, this.windowMs) - this.windowMs;
    for (const [key, sales] of this.windows) {
      if (sales.windowStart < oldest) this.windows.delete(key);
    }
    return records;
  }
}
