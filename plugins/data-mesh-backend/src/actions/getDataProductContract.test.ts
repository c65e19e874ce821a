import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { SchemaRegistryRestClient } from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import {
  ActionsTestBackend,
  exampleInput,
  NON_OWNER,
  OWNER,
  RESTRICTED_LABEL,
  startActionsBackend,
} from '../__testUtils__/actionsBackend';
import { sharedStack } from '../__testUtils__/testBackend';
import { examples } from './getDataProductContract.examples';

// The real catalog (with the DataProduct processor's relations) and the
// real schema registry.
jest.setTimeout(60_000);

const run = randomUUID().slice(0, 8);
const topicOf = (name: string) => `test.${name}-${run}.v1`;
const registry = new SchemaRegistryRestClient({ url: sharedStack.registryUrl });

function product(
  name: string,
  spec: Partial<DataProductEntity['spec']>,
  metadata: Partial<DataProductEntity['metadata']> = {},
): DataProductEntity {
  const entity = makeDataProduct(name, topicOf(name), spec);
  Object.assign(entity.metadata, metadata);
  return entity;
}

const ordersPlaced = product(
  'orders-placed',
  {
    owner: 'group:default/checkout-team',
    domain: 'checkout',
    inputs: ['customer-profiles'],
    sla: {
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      retention: 'P7D',
      supportHours: '24x7',
      responseTime: 'PT30M',
      onCall: 'https://oncall.example.com/checkout',
    },
    quality: 'curated',
    classification: 'internal',
    piiFields: ['email'],
  },
  {
    title: 'Orders placed',
    description: 'Every order placed in the web shop, in real time.',
  },
);
const customerProfiles = product('customer-profiles', {
  owner: 'group:default/customer-team',
  domain: 'customers',
  sla: {
    tier: 'tier-3',
    availability: 99,
    freshness: 'PT1H',
    supportHours: 'business-hours',
    onCall: 'https://oncall.example.com/customers',
  },
});
const paymentsSettled = product('payments-settled', {
  owner: 'group:default/payments-team',
  domain: 'payments',
  status: 'deprecated',
  deprecation: {
    sunset: '2099-01-01',
    reason: 'Moves to payments-settled-v2.',
    replacement: 'dataproduct:default/orders-placed',
  },
});
const ordersAudit = product('orders-audit', {
  inputs: ['ghost-product'],
});
const ledgerEntries = product(
  'ledger-entries',
  { owner: 'group:default/payments-team', domain: 'payments' },
  { labels: { [RESTRICTED_LABEL]: 'true' } },
);

const subjectOf = (entity: DataProductEntity) =>
  `${entity.spec.output.topic}-value`;
const avro = (fields: object[]) =>
  JSON.stringify({
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'test',
    fields,
  });

describe('data-mesh:get-data-product-contract', () => {
  let backend: ActionsTestBackend;

  const contract = async (entityRef: string, user = OWNER) => {
    const answer = await backend.invoke(
      'get-data-product-contract',
      { entityRef },
      user,
    );
    expect(answer).toMatchObject({ status: 200 });
    return answer.output;
  };

  beforeAll(async () => {
    const subject = subjectOf(ordersPlaced);
    await registry.register(subject, {
      schemaType: 'AVRO',
      schema: avro([
        { name: 'orderId', type: 'string' },
        { name: 'email', type: 'string' },
      ]),
    });
    // A second, compatible version: the contract has the latest.
    await registry.register(subject, {
      schemaType: 'AVRO',
      schema: avro([
        { name: 'orderId', type: 'string' },
        { name: 'email', type: 'string' },
        { name: 'amount', type: 'double', default: 0, doc: 'In euros' },
      ]),
    });
    backend = await startActionsBackend({
      entities: [
        ordersPlaced,
        customerProfiles,
        paymentsSettled,
        ordersAudit,
        ledgerEntries,
      ],
      registryTopic: `_data-products-actions-${run}`,
    });
    // Until the catalog has read the products and stitched their lineage.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await backend.invoke('get-data-product-contract', {
        entityRef: 'customer-profiles',
      });
      if (answer.output?.lineage.downstreamProducts.length) break;
      if (Date.now() > deadline) {
        throw new Error(`the catalog did not relate the products in 30 s`);
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await registry.deleteSubject(subjectOf(ordersPlaced)).catch(() => {});
  });

  it('answers with owner, on-call, SLA, effective SLA, latest schema and lineage (example 1)', async () => {
    const { entityRef } = exampleInput(examples, 0);
    const output = await contract(entityRef);
    expect(output).toMatchObject({
      entityRef: 'dataproduct:default/orders-placed',
      title: 'Orders placed',
      description: 'Every order placed in the web shop, in real time.',
      status: 'active',
      lifecycle: 'production',
      domain: 'checkout',
      owner: {
        entityRef: 'group:default/checkout-team',
        title: 'Checkout',
        email: 'checkout@example.com',
      },
      onCall: {
        url: 'https://oncall.example.com/checkout',
        supportHours: '24x7',
        responseTime: 'PT30M',
      },
      output: {
        cluster: 'local',
        topic: topicOf('orders-placed'),
        format: 'avro',
        subject: subjectOf(ordersPlaced),
      },
      sla: ordersPlaced.spec.sla,
      quality: 'curated',
      classification: 'internal',
      piiFields: ['email'],
    });
    // The weakest link: customer-profiles promises less on all but the
    // support hours, where orders-placed (24x7) stays limited too.
    const upstream = 'dataproduct:default/customer-profiles';
    expect(output.effectiveSla).toEqual({
      tier: 'tier-3',
      availability: 99,
      freshness: 'PT1H',
      supportHours: 'business-hours',
      limitedBy: {
        tier: upstream,
        availability: upstream,
        freshness: upstream,
        supportHours: upstream,
      },
      warnings: [
        `declared tier tier-2 is better than tier-3 from ${upstream}`,
        `declared availability 99.5% is better than 99% from ${upstream}`,
        `declared freshness PT5M is better than PT1H from ${upstream}`,
        `declared supportHours 24x7 is better than business-hours from ${upstream}`,
      ],
      missingInputs: [],
      basis: 'computed',
    });
    expect(output.schema).toMatchObject({
      subject: subjectOf(ordersPlaced),
      version: 2,
      format: 'avro',
    });
    expect(output.schema.fields).toEqual([
      expect.objectContaining({ path: 'orderId', type: 'string', pii: false }),
      expect.objectContaining({ path: 'email', type: 'string', pii: true }),
      expect.objectContaining({
        path: 'amount',
        type: 'double',
        doc: 'In euros',
        default: '0',
        pii: false,
      }),
    ]);
    expect(output.lineage).toEqual({
      inputs: [upstream],
      upstreamProducts: [upstream],
      downstreamProducts: [],
      consumingComponents: [],
      missingInputs: [],
    });
  });

  it('finds a product by name alone, and says when no schema is registered (example 2)', async () => {
    const output = await contract(exampleInput(examples, 1).entityRef);
    expect(output).toMatchObject({
      entityRef: 'dataproduct:default/payments-settled',
      status: 'deprecated',
      deprecation: {
        sunset: '2099-01-01',
        reason: 'Moves to payments-settled-v2.',
        replacement: 'dataproduct:default/orders-placed',
      },
      owner: { entityRef: 'group:default/payments-team', title: 'Payments' },
      schema: null,
    });
    // Its own promise is all there is: no inputs.
    expect(output.effectiveSla).toMatchObject({
      tier: 'tier-2',
      limitedBy: {},
      warnings: [],
    });
  });

  it("shows an input's downstream products and a missing input", async () => {
    const upstream = await contract('dataproduct:default/customer-profiles');
    expect(upstream.lineage.downstreamProducts).toEqual([
      'dataproduct:default/orders-placed',
    ]);
    expect(upstream.lineage.upstreamProducts).toEqual([]);
    const audit = await contract('orders-audit');
    expect(audit.lineage.missingInputs).toEqual([
      'dataproduct:default/ghost-product',
    ]);
    expect(audit.effectiveSla.missingInputs).toEqual([
      'dataproduct:default/ghost-product',
    ]);
  });

  it('does not find a product the caller may not see, nor one that does not exist', async () => {
    expect((await contract('ledger-entries', OWNER)).entityRef).toBe(
      'dataproduct:default/ledger-entries',
    );
    for (const [entityRef, user] of [
      ['ledger-entries', NON_OWNER],
      ['dataproduct:default/no-such-product', OWNER],
    ]) {
      const answer = await backend.invoke(
        'get-data-product-contract',
        { entityRef },
        user,
      );
      expect(answer.status).toBe(404);
      expect(answer.error).toMatchObject({
        name: 'NotFoundError',
        message: `No data product dataproduct:default/${entityRef.replace(
          'dataproduct:default/',
          '',
        )} in the catalog`,
      });
    }
  });

  it('refuses a ref of another kind', async () => {
    const answer = await backend.invoke('get-data-product-contract', {
      entityRef: 'group:default/checkout-team',
    });
    expect(answer.status).toBe(400);
    expect(answer.error?.message).toBe(
      "entityRef 'group:default/checkout-team' names a group; expected DataProduct",
    );
  });
});
