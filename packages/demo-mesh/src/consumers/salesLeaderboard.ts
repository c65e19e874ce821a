/** The fields of a recent-sales-by-product record the dashboard shows. */
export interface ProductSales {
  sku: string;
  productName: string;
  windowStart: number;
  unitsSold: number;
  revenueCents: number;
}

/**
 * What the sales dashboard shows: the best-selling articles by revenue in
 * the newest window it has seen. Records for a window replace earlier ones
 * for the same article (they are running totals); older windows are dropped.
 */
export class SalesLeaderboard {
  private windowStart = 0;
  private readonly sales = new Map<string, ProductSales>();

  add(record: ProductSales): void {
    if (record.windowStart < this.windowStart) return;
    if (record.windowStart > this.windowStart) {
      this.windowStart = record.windowStart;
      this.sales.clear();
    }
    this.sales.set(record.sku, record);
  }

  top(count: number): ProductSales[] {
    return [...this.sales.values()]
      .sort(
        (a, b) => b.revenueCents - a.revenueCents || a.sku.localeCompare(b.sku),
      )
      .slice(0, count);
  }
}
