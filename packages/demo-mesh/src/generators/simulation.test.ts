import { PRODUCTS } from '../mesh/productNames';
import { seededRandom } from './random';
import {
  pageViewsBeforeOutage,
  RetailSimulation,
  sequenceStart,
} from './simulation';
import { ARTICLES, createCustomers } from './world';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

function runFor(seconds: number) {
  const customers = createCustomers();
  const simulation = new RetailSimulation(seededRandom(7), customers, START);
  const ticks = Array.from({ length: seconds }, (_, i) =>
    simulation.tick(START + (i + 1) * 1000),
  );
  return { customers, simulation, ticks, records: ticks.flat() };
}

const valuesOf = (
  records: ReturnType<typeof runFor>['records'],
  product: string,
) => records.filter(r => r.product === product).map(r => r.value as any);

describe('RetailSimulation', () => {
  const { customers, simulation, ticks, records } = runFor(600);

  it('is reproducible from its random seed', () => {
    expect(runFor(30).records).toEqual(runFor(30).records);
  });

  it('produces every source product except the paused page views, at 1 to 5 records a second', () => {
    const sources = [
      PRODUCTS.ordersPlacedV1,
      PRODUCTS.ordersPlaced,
      PRODUCTS.paymentsSettled,
      PRODUCTS.accountsReceivable,
      PRODUCTS.shipmentsDispatched,
      PRODUCTS.warehouseInbound,
      PRODUCTS.warehouseOutbound,
      PRODUCTS.inventoryLevels,
      PRODUCTS.customerProfiles,
    ];
    expect(new Set(records.map(r => r.product))).toEqual(new Set(sources));
    for (const product of sources) {
      const perSecond = valuesOf(records, product).length / ticks.length;
      expect({ product, low: perSecond >= 0.25, high: perSecond <= 5 }).toEqual(
        { product, low: true, high: true },
      );
    }
  });

  it('uses the same customers and articles across products', () => {
    const customerIds = new Set(customers.map(c => c.customerId));
    const skus = new Set(ARTICLES.map(a => a.sku));
    const orders = valuesOf(records, PRODUCTS.ordersPlaced);
    for (const order of orders) {
      expect(customerIds).toContain(order.customerId);
      for (const line of order.lines) expect(skus).toContain(line.sku);
    }
    for (const movement of valuesOf(records, PRODUCTS.warehouseOutbound)) {
      expect(skus).toContain(movement.sku);
    }
    for (const receipt of valuesOf(records, PRODUCTS.warehouseInbound)) {
      expect(skus).toContain(receipt.sku);
    }
    for (const level of valuesOf(records, PRODUCTS.inventoryLevels)) {
      expect(skus).toContain(level.sku);
    }
  });

  it('follows an order through payment, goods issue, invoice and shipment', () => {
    const orderIds = new Set(
      valuesOf(records, PRODUCTS.ordersPlaced).map(o => o.orderId),
    );
    const legacy = valuesOf(records, PRODUCTS.ordersPlacedV1).map(
      o => o.orderId,
    );
    expect(new Set(legacy)).toEqual(orderIds);
    const payments = valuesOf(records, PRODUCTS.paymentsSettled);
    const invoices = valuesOf(records, PRODUCTS.accountsReceivable);
    const shipments = valuesOf(records, PRODUCTS.shipmentsDispatched);
    for (const later of [...payments, ...invoices, ...shipments]) {
      expect(orderIds).toContain(later.orderId);
    }
    // Some orders are declined, and the newest are still on their way.
    expect(payments.length).toBeLessThan(orderIds.size);
    expect(invoices.length).toBeLessThanOrEqual(payments.length);
    expect(shipments.length).toBeLessThanOrEqual(invoices.length);
    expect(simulation.inFlight()).toBeGreaterThan(0);
  });

  it('invoices what leaves for an order, and writes some stock off', () => {
    const outbound = valuesOf(records, PRODUCTS.warehouseOutbound);
    const forOrders = outbound.filter(m => m.reason === 'SHIPMENT');
    const invoicedUnits = valuesOf(records, PRODUCTS.accountsReceivable)
      .flatMap(i => i.lines)
      .reduce((sum, l) => sum + l.quantity, 0);
    expect(forOrders.reduce((sum, m) => sum + m.quantity, 0)).toBe(
      invoicedUnits,
    );
    const writeOffs = outbound.filter(m => m.reason !== 'SHIPMENT');
    expect(writeOffs.length).toBeGreaterThan(0);
    expect(writeOffs.every(m => m.orderId === null)).toBe(true);
  });

  it('snapshots every customer profile and stock level', () => {
    const snapshot = simulation.snapshot(START);
    expect(
      snapshot.filter(r => r.product === PRODUCTS.customerProfiles),
    ).toHaveLength(customers.length);
    expect(
      snapshot.filter(r => r.product === PRODUCTS.inventoryLevels),
    ).toHaveLength(3 * ARTICLES.length);
  });

  it('numbers orders after those of any earlier start', () => {
    const numbers = valuesOf(records, PRODUCTS.ordersPlaced).map(o =>
      Number(o.orderId.slice(3)),
    );
    const later = new RetailSimulation(
      seededRandom(8),
      createCustomers(),
      START + 600_000,
    );
    const next = later
      .tick(START + 601_000)
      .concat(later.tick(START + 602_000))
      .find(r => r.product === PRODUCTS.ordersPlaced)!.value as any;
    expect(Number(next.orderId.slice(3))).toBeGreaterThan(Math.max(...numbers));
    expect(sequenceStart(START)).toBeLessThan(sequenceStart(START + 100));
  });
});

describe('pageViewsBeforeOutage', () => {
  it('ends three hours ago, so the product looks stopped', () => {
    const views = pageViewsBeforeOutage(
      seededRandom(1),
      createCustomers(),
      START,
    );
    expect(views).toHaveLength(300);
    expect(views.every(v => v.product === PRODUCTS.pageViews)).toBe(true);
    const newest = Math.max(...views.map(v => v.timestamp));
    expect(START - newest).toBeGreaterThanOrEqual(3 * 60 * 60 * 1000);
  });
});
