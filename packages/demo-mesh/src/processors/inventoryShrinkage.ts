import { DemoRecord, PRODUCTS } from '../mesh/productNames';
import { windowStartOf } from './windows';

interface Movements {
  sku: string;
  windowStart: number;
  receivedUnits: number;
  shippedUnits: number;
  invoicedUnits: number;
}

type Kind = 'receivedUnits' | 'shippedUnits' | 'invoicedUnits';

/**
 * Inventory shrinkage: per article and tumbling window of event time, the
 * goods received (warehouse inbound), the goods that left (warehouse
 * outbound, for any reason) and those invoiced (accounts receivable).
 * What left without an invoice is unaccounted for. A window is emitted
 * once, `graceMs` after it ends, so that the late of the three streams
 * can catch up; events for a window already emitted are dropped.
 */
export class InventoryShrinkage {
  private readonly windows = new Map<string, Movements>();
  private closedBefore = 0;

  constructor(
    private readonly windowMs = 5 * 60_000,
    private readonly graceMs = 60_000,
  ) {}

  received(sku: string, units: number, at: number): void {
    this.add('receivedUnits', sku, units, at);
  }

  shipped(sku: string, units: number, at: number): void {
    this.add('shippedUnits', sku, units, at);
  }

  invoiced(sku: string, units: number, at: number): void {
    this.add('invoicedUnits', sku, units, at);
  }

  /** The windows whose grace period is over, one record per article. */
  closeWindows(now: number): DemoRecord[] {
    const records: DemoRecord[] = [];
    for (const [key, m] of this.windows) {
      const windowEnd = m.windowStart + this.windowMs;
      if (windowEnd + this.graceMs > now) continue;
      this.windows.delete(key);
      const unaccountedUnits = Math.max(0, m.shippedUnits - m.invoicedUnits);
      records.push({
        product: PRODUCTS.inventoryShrinkage,
        key: m.sku,
        timestamp: now,
        value: {
          ...m,
          windowEnd,
          unaccountedUnits,
          shrinkagePercent: m.shippedUnits
            ? Math.round((unaccountedUnits / m.shippedUnits) * 1000) / 10
            : 0,
        },
      });
    }
    this.closedBefore = Math.max(
      this.closedBefore,
      windowStartOf(now - this.graceMs, this.windowMs),
    );
    return records;
  }

  private add(kind: Kind, sku: string, units: number, at: number): void {
    const windowStart = windowStartOf(at, this.windowMs);
    if (windowStart < this.closedBefore) return;
    const key = `${windowStart}/${sku}`;
    const movements = this.windows.get(key) ?? {
      sku,
      windowStart,
      receivedUnits: 0,
      shippedUnits: 0,
      invoicedUnits: 0,
    };
    movements[kind] += units;
    this.windows.set(key, movements);
  }
}
