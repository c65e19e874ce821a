import type { DemoRecord } from '../mesh/productNames';
import type { Random } from './random';
import {
  customerProfileRecord,
  goodsIssueRecords,
  inboundReceiptRecord,
  inventoryLevelRecord,
  Order,
  OrderLine,
  orderPlacedRecords,
  pageViewRecord,
  paymentSettledRecord,
  shipmentDispatchedRecord,
  StockLevel,
  writeOffRecord,
} from './records';
import { ARTICLES, Customer, MembershipTier, WAREHOUSES } from './world';

/** Fulfilment centre serving a delivery country. */
const WAREHOUSE_BY_COUNTRY: Record<string, string> = {
  DE: 'FC-LEJ',
  PL: 'FC-LEJ',
  AT: 'FC-LEJ',
  SE: 'FC-LEJ',
  ES: 'FC-MAD',
  IT: 'FC-MAD',
  FR: 'FC-MAD',
};

const REORDER_POINT = 30;
/** Inventory level records per tick; the rest wait for the next tick. */
const LEVELS_PER_TICK = 4;
const UPGRADE: Record<MembershipTier, MembershipTier> = {
  NONE: 'SILVER',
  SILVER: 'GOLD',
  GOLD: 'PLATINUM',
  PLATINUM: 'PLATINUM',
};

type Pending = { at: number; run: (now: number) => DemoRecord[] };

/**
 * Ids that keep growing across restarts: tenths of seconds since 2024 at
 * the start, then one per use. At under ten orders a second, a later start
 * never reuses a number.
 */
export function sequenceStart(now: number): number {
  return Math.floor((now - Date.UTC(2024, 0, 1)) / 100);
}

/**
 * Kettle & Kite's business, one tick at a time: shoppers place orders,
 * payments settle a few seconds later, goods leave the warehouse (and are
 * invoiced), parcels are dispatched, suppliers deliver, stock moves and now
 * and then something gets damaged or lost. Pure apart from the random
 * source it is given; the runtime encodes and sends what it returns.
 */
export class RetailSimulation {
  private readonly pending: Pending[] = [];
  private readonly stock = new Map<string, StockLevel>();
  private readonly changedLevels = new Set<string>();
  private sequence: number;

  constructor(
    private readonly random: Random,
    private readonly customers: Customer[],
    startedAt: number,
  ) {
    this.sequence = sequenceStart(startedAt);
    for (const { warehouseId } of WAREHOUSES) {
      for (const { sku } of ARTICLES) {
        this.stock.set(`${warehouseId}/${sku}`, {
          sku,
          warehouseId,
          onHand: random.int(40, 200),
          reserved: 0,
          reorderPoint: REORDER_POINT,
        });
      }
    }
  }

  /** The state products in full, for a compacted topic to converge on. */
  snapshot(now: number): DemoRecord[] {
    return [
      ...this.customers.map(c => customerProfileRecord(c, now)),
      ...[...this.stock.values()].map(l => inventoryLevelRecord(l, now)),
    ];
  }

  /** Everything that happens in the second up to `now`. */
  tick(now: number): DemoRecord[] {
    const records: DemoRecord[] = [];
    const due = this.pending.filter(p => p.at <= now);
    for (const event of due) {
      this.pending.splice(this.pending.indexOf(event), 1);
      records.push(...event.run(now));
    }
    const orders = this.random.weighted([
      [0, 10],
      [1, 40],
      [2, 35],
      [3, 15],
    ] as const);
    for (let i = 0; i < orders; i++) records.push(...this.placeOrder(now));
    if (this.random.chance(0.5)) records.push(this.receiveGoods(now));
    if (this.random.chance(0.3)) records.push(this.updateProfile(now));
    records.push(...this.levelUpdates(now));
    return records;
  }

  /** Orders waiting for a later step; bounded by the rate times the longest delay. */
  inFlight(): number {
    return this.pending.length;
  }

  private later(now: number, seconds: [number, number], run: Pending['run']) {
    this.pending.push({
      at: now + this.random.int(seconds[0], seconds[1]) * 1000,
      run,
    });
  }

  private level(warehouseId: string, sku: string): StockLevel {
    const key = `${warehouseId}/${sku}`;
    this.changedLevels.add(key);
    return this.stock.get(key)!;
  }

  private placeOrder(now: number): DemoRecord[] {
    const customer = this.random.pick(this.customers);
    const lineCount = this.random.weighted([
      [1, 55],
      [2, 30],
      [3, 15],
    ] as const);
    const lines: OrderLine[] = [];
    while (lines.length < lineCount) {
      const article = this.random.pick(ARTICLES);
      if (lines.some(l => l.sku === article.sku)) continue;
      lines.push({
        sku: article.sku,
        quantity: this.random.weighted([
          [1, 80],
          [2, 15],
          [3, 5],
        ] as const),
        unitPriceCents: article.priceCents,
      });
    }
    const order: Order = {
      orderId: `KK-${this.sequence++}`,
      customer,
      channel: this.random.chance(0.35) ? 'APP' : 'WEB',
      lines,
      warehouseId: WAREHOUSE_BY_COUNTRY[customer.address.country] ?? 'FC-AMS',
      placedAt: now,
    };
    for (const line of lines) {
      this.level(order.warehouseId, line.sku).reserved += line.quantity;
    }
    if (this.random.chance(0.97)) {
      this.later(now, [2, 6], at => this.settlePayment(order, at));
    } else {
      // Declined: the reservation is released, nothing else happens.
      this.later(now, [2, 6], () => {
        for (const line of lines) {
          this.level(order.warehouseId, line.sku).reserved -= line.quantity;
        }
        return [];
      });
    }
    return orderPlacedRecords(order);
  }

  private settlePayment(order: Order, now: number): DemoRecord[] {
    const method = this.random.weighted([
      ['CARD', 50],
      ['PAYPAL', 25],
      ['KLARNA', 15],
      ['APPLE_PAY', 10],
    ] as const);
    this.later(now, [3, 10], at =>
      this.issueGoods(order, method === 'KLARNA' ? 'NET30' : 'PREPAID', at),
    );
    return [paymentSettledRecord(order, method, now)];
  }

  private issueGoods(
    order: Order,
    terms: 'PREPAID' | 'NET30',
    now: number,
  ): DemoRecord[] {
    for (const line of order.lines) {
      const level = this.level(order.warehouseId, line.sku);
      level.reserved -= line.quantity;
      level.onHand -= line.quantity;
    }
    const records = goodsIssueRecords(order, terms, now);
    if (this.random.chance(0.06)) {
      const sku = this.random.pick(ARTICLES).sku;
      this.level(order.warehouseId, sku).onHand -= 1;
      records.push(
        writeOffRecord({
          movementId: `MV-${order.orderId.slice(3)}-X`,
          warehouseId: order.warehouseId,
          sku,
          quantity: 1,
          reason: this.random.pick(['DAMAGED', 'MISSING', 'MISPICK'] as const),
          at: now,
        }),
      );
    }
    this.later(now, [5, 20], at => [
      shipmentDispatchedRecord(
        order,
        this.random.pick(['DHL', 'DPD', 'UPS', 'POSTNL', 'GLS'] as const),
        at,
      ),
    ]);
    return records;
  }

  /** A supplier delivers to the emptiest of a few shelves it looks at. */
  private receiveGoods(now: number): DemoRecord {
    let emptiest: StockLevel | undefined;
    for (let i = 0; i < 6; i++) {
      const candidate = this.stock.get(
        `${this.random.pick(WAREHOUSES).warehouseId}/${
          this.random.pick(ARTICLES).sku
        }`,
      )!;
      if (
        !emptiest ||
        candidate.onHand - candidate.reserved <
          emptiest.onHand - emptiest.reserved
      ) {
        emptiest = candidate;
      }
    }
    const { warehouseId, sku } = emptiest!;
    const quantity = 6 * this.random.int(1, 2);
    this.level(warehouseId, sku).onHand += quantity;
    const number = this.sequence++;
    return inboundReceiptRecord({
      receiptId: `GR-${number}`,
      warehouseId,
      supplierId: `SUP-${100 + (Number(sku.slice(4)) % 12)}`,
      purchaseOrder: `PO-${number}`,
      sku,
      quantity,
      receivedAt: now,
    });
  }

  private updateProfile(now: number): DemoRecord {
    const customer = this.random.pick(this.customers);
    const change = this.random.int(0, 2);
    if (change === 0) {
      customer.membershipTier = UPGRADE[customer.membershipTier];
    } else if (change === 1) {
      customer.marketingConsent = !customer.marketingConsent;
    } else {
      customer.phone = `${customer.phone?.split(' ')[0] ?? '+00'} 555 ${String(
        this.random.int(0, 9999),
      ).padStart(4, '0')}`;
    }
    return customerProfileRecord(customer, now);
  }

  private levelUpdates(now: number): DemoRecord[] {
    const keys = [...this.changedLevels].slice(0, LEVELS_PER_TICK);
    for (const key of keys) this.changedLevels.delete(key);
    return keys.map(key => inventoryLevelRecord(this.stock.get(key)!, now));
  }
}

const DEVICES = [
  ['DESKTOP', 45],
  ['MOBILE', 45],
  ['TABLET', 10],
] as const;

/**
 * The clickstream collector has been down for three hours: the page views
 * that made it before the outage, and nothing since, so the product's
 * freshness SLA shows as breached.
 */
export function pageViewsBeforeOutage(
  random: Random,
  customers: Customer[],
  now: number,
  count = 300,
): DemoRecord[] {
  const outageAt = now - 3 * 60 * 60 * 1000;
  return Array.from({ length: count }, (_, i) => {
    const customer = random.chance(0.4) ? random.pick(customers) : undefined;
    const article = random.pick(ARTICLES);
    return pageViewRecord({
      viewId: `PV-${sequenceStart(outageAt)}-${i}`,
      sessionId: `S-${random.int(100000, 999999)}`,
      customerId: customer?.customerId ?? null,
      path: random.pick([
        '/',
        `/p/${article.sku}`,
        `/c/${article.category}`,
        '/basket',
      ]),
      referrer: random.chance(0.5)
        ? random.pick([
            'https://www.google.com/',
            'https://newsletter.example.com/',
          ])
        : null,
      device: random.weighted(DEVICES),
      country:
        customer?.address.country ?? random.pick(['DE', 'NL', 'GB', 'FR']),
      // Spread over the 20 minutes before the collector stopped.
      viewedAt: outageAt - Math.round(((count - i) / count) * 20 * 60 * 1000),
    });
  });
}
