import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { createSchemaRegistry } from '@kafka-mesh/plugin-data-mesh-node';
import type { Producer } from 'kafkajs';
import {
  cleanupTestMesh,
  readUntil,
  testKafka,
  testMeshOptions,
} from '../__testUtils__/testMesh';
import {
  customerProfileRecord,
  goodsIssueRecords,
  inboundReceiptRecord,
  Order,
  orderPlacedRecords,
  writeOffRecord,
} from '../generators/records';
import { createCustomers, Customer } from '../generators/world';
import { loadDemoProducts } from '../mesh/demoProducts';
import { PRODUCTS } from '../mesh/productNames';
import { groupIdOf } from '../options';
import { RecordSender } from '../RecordSender';
import { startDemoProcessor } from '../runtime';
import { seedDemoMesh } from '../seed';
import { demoProcessors, RunningProcessor } from '.';

jest.setTimeout(120_000);

// The stream processors on the real broker and registry: input records go
// in through their topics (as the admin), derived records are read back
// from the outputs. Each processor runs as its own principal, with only the
// ACLs the seed granted it.

const options = testMeshOptions();
const kafka = testKafka(options);
const registry = createSchemaRegistry({ url: options.registryUrl });
const products = loadDemoProducts(options);
const topicOf = (name: string) => products.find(p => p.name === name)!.topic;

const [anna, ben, chloe] = createCustomers(3);
const euCustomer: Customer = {
  ...anna,
  customerId: `C-${options.run}-1`,
  region: 'EU',
};
const ukCustomer: Customer = {
  ...ben,
  customerId: `C-${options.run}-2`,
  region: 'UK',
};
const euCustomer2: Customer = {
  ...chloe,
  customerId: `C-${options.run}-3`,
  region: 'EU',
};

function order(id: string, customer: Customer, lines: Order['lines']): Order {
  return {
    orderId: `KK-${options.run}-${id}`,
    customer,
    channel: 'WEB',
    lines,
    warehouseId: 'FC-AMS',
    placedAt: Date.now(),
  };
}

/**
 * Resolves once the processor's group has committed everything the
 * product's topic holds, so that what it did not write, it never will.
 */
async function caughtUp(group: string, product: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(async () => {
      const topic = topicOf(product);
      const [ends, [offsets]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({
          groupId: groupIdOf(options, group),
          topics: [topic],
        }),
      ]);
      for (const { partition, high } of ends) {
        // -1: nothing committed, which is all there is for an empty partition.
        const at = offsets.partitions.find(p => p.partition === partition);
        expect({
          partition,
          committed: Math.max(0, Number(at?.offset ?? -1)),
        }).toEqual({ partition, committed: Number(high) });
      }
    });
  } finally {
    await admin.disconnect();
  }
}

describe('the stream processors', () => {
  let producer: Producer;
  let sender: RecordSender;
  const running: RunningProcessor[] = [];

  beforeAll(async () => {
    await seedDemoMesh(options);
    producer = kafka.producer();
    await producer.connect();
    sender = new RecordSender(producer, registry, products);
    await sender.init();
    const definitions = demoProcessors({
      salesWindowMs: 60_000,
      salesFlushMs: 200,
      // Windows close well after the inputs of a test are in.
      shrinkageWindowMs: 2_000,
      shrinkageGraceMs: 6_000,
      shrinkageTickMs: 250,
    });
    for (const definition of definitions) {
      running.push(
        await startDemoProcessor(definition, options, {
          registry,
          products,
          log: () => {},
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(running.map(p => p.stop()));
    await producer?.disconnect();
    await cleanupTestMesh(options);
  });

  it('sums recent sales per article', async () => {
    await sender.send([
      ...orderPlacedRecords(
        order('1', euCustomer, [
          { sku: 'SKU-1004', quantity: 1, unitPriceCents: 54900 },
          { sku: 'SKU-1002', quantity: 1, unitPriceCents: 3900 },
        ]),
      ),
      ...orderPlacedRecords(
        order('2', ukCustomer, [
          { sku: 'SKU-1004', quantity: 2, unitPriceCents: 54900 },
        ]),
      ),
    ]);
    const records = await readUntil(
      kafka,
      registry,
      topicOf(PRODUCTS.recentSales),
      read =>
        read.some(r => r.value.sku === 'SKU-1004' && r.value.unitsSold === 3),
    );
    expect(records.at(-1)!.value).toMatchObject({
      sku: 'SKU-1004',
      productName: 'Espresso machine',
      orders: 2,
      unitsSold: 3,
      revenueCents: 3 * 54900,
    });
    expect(records.at(-1)!.key).toBe('SKU-1004');
  });

  it('joins high-value orders with the customer profile', async () => {
    await sender.send([customerProfileRecord(euCustomer, Date.now())]);
    // The orders go in only once the join has the profile.
    await caughtUp('demo-mesh.high-value-orders', PRODUCTS.customerProfiles);
    const big = order('3', euCustomer, [
      { sku: 'SKU-1029', quantity: 1, unitPriceCents: 219900 },
    ]);
    const small = order('4', euCustomer, [
      { sku: 'SKU-1002', quantity: 1, unitPriceCents: 3900 },
    ]);
    await sender.send([
      ...orderPlacedRecords(small),
      ...orderPlacedRecords(big),
    ]);
    await caughtUp('demo-mesh.high-value-orders', PRODUCTS.ordersPlaced);
    const records = await readUntil(
      kafka,
      registry,
      topicOf(PRODUCTS.highValueOrders),
      read => read.some(r => r.key === big.orderId),
    );
    expect(records.map(r => r.key)).not.toContain(small.orderId);
    expect(records.find(r => r.key === big.orderId)!.value).toMatchObject({
      customerId: euCustomer.customerId,
      customerName: euCustomer.fullName,
      customerEmail: euCustomer.email,
      membershipTier: euCustomer.membershipTier,
      totalCents: 219900,
      reasons: ['total 2199.00 EUR is at least 400.00'],
    });
  });

  it('finds stock that left without an invoice', async () => {
    const at = Date.now();
    const sku = 'SKU-1013';
    const shipped = order('5', euCustomer, [
      { sku, quantity: 2, unitPriceCents: 11900 },
    ]);
    shipped.placedAt = at;
    await sender.send([
      inboundReceiptRecord({
        receiptId: `GR-${options.run}`,
        warehouseId: 'FC-AMS',
        supplierId: 'SUP-101',
        purchaseOrder: `PO-${options.run}`,
        sku,
        quantity: 24,
        receivedAt: at,
      }),
      ...goodsIssueRecords(shipped, 'PREPAID', at),
      writeOffRecord({
        movementId: `MV-${options.run}-X`,
        warehouseId: 'FC-AMS',
        sku,
        quantity: 1,
        reason: 'DAMAGED',
        at,
      }),
    ]);
    const records = await readUntil(
      kafka,
      registry,
      topicOf(PRODUCTS.inventoryShrinkage),
      read => read.some(r => r.value.sku === sku),
    );
    expect(records.find(r => r.value.sku === sku)!.value).toMatchObject({
      receivedUnits: 24,
      shippedUnits: 3,
      invoicedUnits: 2,
      unaccountedUnits: 1,
      shrinkagePercent: 33.3,
    });
  });

  it('keeps only EU residents in the EU customer profiles', async () => {
    const now = Date.now();
    await sender.send([
      customerProfileRecord(ukCustomer, now),
      customerProfileRecord(euCustomer2, now),
    ]);
    await caughtUp('demo-mesh.eu-customer-profiles', PRODUCTS.customerProfiles);
    const records = await readUntil(
      kafka,
      registry,
      topicOf(PRODUCTS.euCustomerProfiles),
      read => read.some(r => r.key === euCustomer2.customerId),
    );
    const keys = records.map(r => r.key);
    expect(keys).not.toContain(ukCustomer.customerId);
    expect(records.find(r => r.key === euCustomer2.customerId)!.value).toEqual(
      expect.objectContaining({
        email: euCustomer2.email,
        region: 'EU',
        address: euCustomer2.address,
      }),
    );
  });
});
