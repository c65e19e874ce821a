import { DemoRecord, PRODUCTS } from '../mesh/productNames';
import type { Customer } from './world';

// Record builders: one domain event in, the record of each product that
// reports it out, in the shape of that product's schema.

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  orderId: string;
  customer: Customer;
  channel: 'WEB' | 'APP';
  lines: OrderLine[];
  warehouseId: string;
  placedAt: number;
}

export type WriteOffReason = 'DAMAGED' | 'MISSING' | 'MISPICK';

export const totalCentsOf = (lines: OrderLine[]) =>
  lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);

/** The order number without its prefix: shared by the ids derived from it. */
const numberOf = (order: Order) => order.orderId.replace(/^KK-/, '');

export function orderPlacedRecords(order: Order): DemoRecord[] {
  const totalCents = totalCentsOf(order.lines);
  const { customer } = order;
  return [
    {
      product: PRODUCTS.ordersPlaced,
      key: order.orderId,
      timestamp: order.placedAt,
      value: {
        orderId: order.orderId,
        customerId: customer.customerId,
        channel: order.channel,
        lines: order.lines,
        totalCents,
        currency: 'EUR',
        shippingAddress: customer.address,
        placedAt: order.placedAt,
      },
    },
    // The legacy stream is still written alongside v2 until its sunset.
    {
      product: PRODUCTS.ordersPlacedV1,
      key: order.orderId,
      timestamp: order.placedAt,
      value: {
        orderId: order.orderId,
        customerId: customer.customerId,
        customerEmail: customer.email,
        itemCount: order.lines.reduce((sum, l) => sum + l.quantity, 0),
        totalAmount: totalCents / 100,
        country: customer.address.country,
        placedAt: order.placedAt,
      },
    },
  ];
}

export function paymentSettledRecord(
  order: Order,
  method: 'CARD' | 'PAYPAL' | 'KLARNA' | 'APPLE_PAY',
  settledAt: number,
): DemoRecord {
  return {
    product: PRODUCTS.paymentsSettled,
    key: order.orderId,
    timestamp: settledAt,
    value: {
      paymentId: `PAY-${numberOf(order)}`,
      orderId: order.orderId,
      method,
      amountCents: totalCentsOf(order.lines),
      currency: 'EUR',
      pspReference: `psp_${numberOf(order)}${method.slice(0, 2).toLowerCase()}`,
      settledAt,
    },
  };
}

/**
 * Goods issue: the order's lines leave the warehouse and, in the same
 * moment, the invoice is posted to accounts receivable (billing follows
 * goods issue), so both land in the same shrinkage window.
 */
export function goodsIssueRecords(
  order: Order,
  paymentTerms: 'PREPAID' | 'NET30',
  at: number,
): DemoRecord[] {
  const outbound: DemoRecord[] = order.lines.map((line, i) => ({
    product: PRODUCTS.warehouseOutbound,
    key: line.sku,
    timestamp: at,
    value: {
      movementId: `MV-${numberOf(order)}-${i + 1}`,
      warehouseId: order.warehouseId,
      sku: line.sku,
      quantity: line.quantity,
      reason: 'SHIPMENT',
      orderId: order.orderId,
      leftAt: at,
    },
  }));
  const receivable: DemoRecord = {
    product: PRODUCTS.accountsReceivable,
    key: order.orderId,
    timestamp: at,
    value: {
      entryId: `AR-${numberOf(order)}`,
      invoiceNumber: `INV-${numberOf(order)}`,
      orderId: order.orderId,
      customerId: order.customer.customerId,
      lines: order.lines.map(l => ({
        sku: l.sku,
        quantity: l.quantity,
        amountCents: l.quantity * l.unitPriceCents,
      })),
      totalCents: totalCentsOf(order.lines),
      currency: 'EUR',
      paymentTerms,
      postedAt: new Date(at).toISOString(),
    },
  };
  return [...outbound, receivable];
}

/** Stock that leaves without an order: the shrinkage the processor finds. */
export function writeOffRecord(write: {
  movementId: string;
  warehouseId: string;
  sku: string;
  quantity: number;
  reason: WriteOffReason;
  at: number;
}): DemoRecord {
  return {
    product: PRODUCTS.warehouseOutbound,
    key: write.sku,
    timestamp: write.at,
    value: {
      movementId: write.movementId,
      warehouseId: write.warehouseId,
      sku: write.sku,
      quantity: write.quantity,
      reason: write.reason,
      orderId: null,
      leftAt: write.at,
    },
  };
}

export function shipmentDispatchedRecord(
  order: Order,
  carrier: 'DHL' | 'DPD' | 'UPS' | 'POSTNL' | 'GLS',
  dispatchedAt: number,
): DemoRecord {
  return {
    product: PRODUCTS.shipmentsDispatched,
    key: order.orderId,
    timestamp: dispatchedAt,
    value: {
      shipmentId: `SHP-${numberOf(order)}`,
      orderId: order.orderId,
      warehouseId: order.warehouseId,
      carrier,
      trackingNumber: `${carrier}${numberOf(order)}`,
      destinationCountry: order.customer.address.country,
      items: order.lines.map(l => ({ sku: l.sku, quantity: l.quantity })),
      dispatchedAt,
    },
  };
}

/** Field names in protobufjs's camelCase, as the registry client encodes them. */
export function inboundReceiptRecord(receipt: {
  receiptId: string;
  warehouseId: string;
  supplierId: string;
  purchaseOrder: string;
  sku: string;
  quantity: number;
  receivedAt: number;
}): DemoRecord {
  return {
    product: PRODUCTS.warehouseInbound,
    key: receipt.sku,
    timestamp: receipt.receivedAt,
    value: { ...receipt },
  };
}

export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  reorderPoint: number;
}

export function inventoryLevelRecord(
  level: StockLevel,
  updatedAt: number,
): DemoRecord {
  return {
    product: PRODUCTS.inventoryLevels,
    key: `${level.warehouseId}/${level.sku}`,
    timestamp: updatedAt,
    value: {
      sku: level.sku,
      warehouseId: level.warehouseId,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.onHand - level.reserved,
      reorderPoint: level.reorderPoint,
      updatedAt,
    },
  };
}

export function customerProfileRecord(
  customer: Customer,
  updatedAt: number,
): DemoRecord {
  return {
    product: PRODUCTS.customerProfiles,
    key: customer.customerId,
    timestamp: updatedAt,
    value: { ...customer, address: { ...customer.address }, updatedAt },
  };
}

export function pageViewRecord(view: {
  viewId: string;
  sessionId: string;
  customerId: string | null;
  path: string;
  referrer: string | null;
  device: 'DESKTOP' | 'MOBILE' | 'TABLET';
  country: string;
  viewedAt: number;
}): DemoRecord {
  return {
    product: PRODUCTS.pageViews,
    key: view.sessionId,
    timestamp: view.viewedAt,
    value: { ...view },
  };
}
