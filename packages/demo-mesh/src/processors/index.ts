import { PRODUCTS } from '../mesh/productNames';
import { euResidentProfile } from './euCustomers';
import { HighValueOrderReview } from './highValueOrders';
import { InventoryShrinkage } from './inventoryShrinkage';
import { RecentSalesByProduct } from './recentSales';
import type { ProcessorDefinition } from './runProcessor';

export { runProcessor } from './runProcessor';
export type {
  ProcessorContext,
  ProcessorDefinition,
  RunningProcessor,
} from './runProcessor';

/** Window sizes and emit intervals; tests shorten them. */
export interface ProcessorTiming {
  salesWindowMs: number;
  salesFlushMs: number;
  shrinkageWindowMs: number;
  shrinkageGraceMs: number;
  shrinkageTickMs: number;
}

export const DEFAULT_PROCESSOR_TIMING: ProcessorTiming = {
  salesWindowMs: 60_000,
  salesFlushMs: 5_000,
  shrinkageWindowMs: 5 * 60_000,
  shrinkageGraceMs: 60_000,
  shrinkageTickMs: 10_000,
};

/** The demo's derived products, each as a processor definition with fresh state. */
export function demoProcessors(
  timing: ProcessorTiming = DEFAULT_PROCESSOR_TIMING,
): ProcessorDefinition[] {
  const sales = new RecentSalesByProduct(timing.salesWindowMs);
  const review = new HighValueOrderReview();
  const shrinkage = new InventoryShrinkage(
    timing.shrinkageWindowMs,
    timing.shrinkageGraceMs,
  );
  return [
    {
      group: 'demo-mesh.recent-sales-by-product',
      output: PRODUCTS.recentSales,
      inputs: [PRODUCTS.ordersPlaced],
      onRecord: (_, order) => {
        sales.addOrder(order);
        return [];
      },
      onTick: now => sales.flush(now),
      tickMs: timing.salesFlushMs,
    },
    {
      group: 'demo-mesh.high-value-orders',
      output: PRODUCTS.highValueOrders,
      inputs: [PRODUCTS.customerProfiles, PRODUCTS.ordersPlaced],
      replayInputs: [PRODUCTS.customerProfiles],
      onRecord: (input, value) => {
        if (input === PRODUCTS.customerProfiles) {
          review.rememberProfile(value);
          return [];
        }
        const flagged = review.review(value);
        return flagged ? [flagged] : [];
      },
    },
    {
      group: 'demo-mesh.inventory-shrinkage',
      output: PRODUCTS.inventoryShrinkage,
      inputs: [
        PRODUCTS.warehouseInbound,
        PRODUCTS.warehouseOutbound,
        PRODUCTS.accountsReceivable,
      ],
      onRecord: (input, value) => {
        if (input === PRODUCTS.warehouseInbound) {
          // protobufjs decodes int64 as a Long.
          shrinkage.received(
            value.sku,
            value.quantity,
            Number(value.receivedAt),
          );
        } else if (input === PRODUCTS.warehouseOutbound) {
          shrinkage.shipped(value.sku, value.quantity, value.leftAt);
        } else {
          const at = Date.parse(value.postedAt);
          for (const line of value.lines) {
            shrinkage.invoiced(line.sku, line.quantity, at);
          }
        }
        return [];
      },
      onTick: now => shrinkage.closeWindows(now),
      tickMs: timing.shrinkageTickMs,
    },
    {
      group: 'demo-mesh.eu-customer-profiles',
      output: PRODUCTS.euCustomerProfiles,
      inputs: [PRODUCTS.customerProfiles],
      onRecord: (_, profile, timestamp) => {
        const record = euResidentProfile(profile, timestamp);
        return record ? [record] : [];
      },
    },
  ];
}
