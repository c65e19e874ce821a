/** The names of the demo's products, as the code refers to them. */
export const PRODUCTS = {
  ordersPlacedV1: 'orders-placed',
  ordersPlaced: 'checkout-orders-placed',
  paymentsSettled: 'payments-settled',
  accountsReceivable: 'accounts-receivable',
  shipmentsDispatched: 'shipments-dispatched',
  warehouseInbound: 'warehouse-inbound',
  warehouseOutbound: 'warehouse-outbound',
  inventoryLevels: 'inventory-levels',
  customerProfiles: 'customer-profiles',
  pageViews: 'page-views',
  recentSales: 'recent-sales-by-product',
  highValueOrders: 'high-value-orders',
  inventoryShrinkage: 'inventory-shrinkage',
  euCustomerProfiles: 'eu-customer-profiles',
} as const;

export type ProductName = (typeof PRODUCTS)[keyof typeof PRODUCTS];

/** A record for one product: the value before encoding with its schema. */
export interface DemoRecord {
  product: ProductName;
  key: string;
  value: Record<string, unknown>;
  /** Event time, epoch ms; becomes the Kafka record timestamp. */
  timestamp: number;
}
