import { PRODUCTS } from '../mesh/productNames';
import { goodsIssueRecords, Order, orderPlacedRecords } from './records';
import { createCustomers } from './world';

const order: Order = {
  orderId: 'KK-1000',
  customer: createCustomers(1)[0],
  channel: 'WEB',
  lines: [
    { sku: 'SKU-1001', quantity: 2, unitPriceCents: 12900 },
    { sku: 'SKU-1004', quantity: 1, unitPriceCents: 54900 },
  ],
  warehouseId: 'FC-AMS',
  placedAt: 1_000,
};

describe('record builders', () => {
  it('report an order in both order products, v1 in euros without lines', () => {
    const [v2, v1] = orderPlacedRecords(order);
    expect(v2).toMatchObject({
      product: PRODUCTS.ordersPlaced,
      key: 'KK-1000',
      value: { totalCents: 80700, currency: 'EUR', lines: order.lines },
    });
    expect(v1).toMatchObject({
      product: PRODUCTS.ordersPlacedV1,
      value: {
        totalAmount: 807,
        itemCount: 3,
        customerEmail: order.customer.email,
      },
    });
  });

  it('issue goods per line and invoice them at the same moment', () => {
    const records = goodsIssueRecords(order, 'NET30', 5_000);
    expect(records.map(r => [r.product, r.key, r.timestamp])).toEqual([
      [PRODUCTS.warehouseOutbound, 'SKU-1001', 5_000],
      [PRODUCTS.warehouseOutbound, 'SKU-1004', 5_000],
      [PRODUCTS.accountsReceivable, 'KK-1000', 5_000],
    ]);
    expect(records[2].value).toMatchObject({
      invoiceNumber: 'INV-1000',
      totalCents: 80700,
      paymentTerms: 'NET30',
      postedAt: new Date(5_000).toISOString(),
      lines: [
        { sku: 'SKU-1001', quantity: 2, amountCents: 25800 },
        { sku: 'SKU-1004', quantity: 1, amountCents: 54900 },
      ],
    });
  });
});
