import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { randomUUID } from 'node:crypto';
import {
  ActionsTestBackend,
  exampleInput,
  NON_OWNER,
  OWNER,
  RESTRICTED_LABEL,
  startActionsBackend,
} from '../__testUtils__/actionsBackend';
import { MAX_FIND_LIMIT } from './findDataProducts';
import { examples } from './findDataProducts.examples';

// The real catalog answers the queries (filters, text, order, limit and
// its read permission), as it does in the portal.
jest.setTimeout(60_000);

const run = randomUUID().slice(0, 8);

function product(
  name: string,
  spec: Partial<DataProductEntity['spec']>,
  metadata: Partial<DataProductEntity['metadata']> = {},
): DataProductEntity {
  const entity = makeDataProduct(name, `test.${name}-${run}.v1`, spec);
  Object.assign(entity.metadata, metadata);
  return entity;
}

const checkout = 'group:default/checkout-team';
const payments = 'group:default/payments-team';
const customers = 'group:default/customer-team';
const sla = (tier: 'tier-1' | 'tier-2' | 'tier-3', freshness = 'PT5M') => ({
  tier,
  availability: 99.5,
  freshness,
  supportHours: 'business-hours' as const,
  onCall: 'https://oncall.example.com/test',
});

const entities = [
  product(
    'orders-placed',
    {
      owner: checkout,
      domain: 'checkout',
      sla: sla('tier-2'),
      quality: 'curated',
      classification: 'internal',
    },
    {
      title: 'Orders placed',
      description: 'Every order placed in the web shop, in real time.',
      tags: ['checkout'],
    },
  ),
  product(
    'orders-enriched',
    {
      owner: 'checkout-team',
      domain: 'domain:default/checkout',
      sla: sla('tier-1', 'PT1M'),
      quality: 'authoritative',
      classification: 'confidential',
      inputs: ['orders-placed'],
    },
    { title: 'Enriched orders', description: 'x'.repeat(400), tags: [] },
  ),
  // Found by its tag alone.
  product(
    'refunds-issued',
    { owner: checkout, domain: 'checkout', sla: sla('tier-3', 'PT1H') },
    { title: 'Refunds', description: 'Money back.', tags: ['orders'] },
  ),
  product(
    'payments-settled',
    {
      owner: payments,
      domain: 'payments',
      sla: sla('tier-1'),
      quality: 'curated',
      classification: 'internal',
    },
    {
      title: 'Payments settled',
      description: 'Card payments the bank settled.',
    },
  ),
  product(
    'customer-profiles',
    {
      owner: customers,
      domain: 'customers',
      sla: sla('tier-2'),
      quality: 'curated',
      classification: 'internal',
    },
    { title: 'Customer profiles', description: 'Who our customers are.' },
  ),
  // Hidden from the non-owner by the catalog's read permission.
  product(
    'ledger-entries',
    {
      owner: payments,
      domain: 'payments',
      sla: sla('tier-1'),
      classification: 'restricted',
    },
    {
      title: 'Ledger entries',
      description: 'The general ledger.',
      labels: { [RESTRICTED_LABEL]: 'true' },
    },
  ),
];

const names = (output: { items: Array<{ name: string }> }) =>
  output.items.map(i => i.name);

describe('data-mesh:find-data-products', () => {
  let backend: ActionsTestBackend;

  beforeAll(async () => {
    backend = await startActionsBackend({
      entities,
      registryTopic: `_data-products-actions-${run}`,
    });
  }, 60_000);

  afterAll(() => backend?.stop());

  /** Invokes the action once the catalog has read every product. */
  async function find(input: object, user = OWNER) {
    const answer = await backend.invoke('find-data-products', input, user);
    expect(answer).toMatchObject({ status: 200 });
    return answer.output;
  }

  beforeAll(async () => {
    // The catalog reads its file locations in the background.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { output } = await backend.invoke('find-data-products', {});
      if (output?.totalItems === entities.length) return;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error('the catalog did not read the test products in 30 s');
  }, 40_000);

  it('finds by text in the name, title, tags or topic, sorted by name (example 1)', async () => {
    const output = await find(exampleInput(examples, 0));
    expect(names(output)).toEqual([
      'orders-enriched',
      'orders-placed',
      'refunds-issued',
    ]);
    expect(output.totalItems).toBe(3);
    // Case does not matter; a phrase of the title matches.
    expect(names(await find({ text: 'PAYMENTS SETTLED' }))).toEqual([
      'payments-settled',
    ]);
    expect(names(await find({ text: 'the bank' }))).toEqual([
      'payments-settled',
    ]);
    expect(await find({ text: 'nothing-like-this' })).toEqual({
      items: [],
      totalItems: 0,
    });
  });

  it("finds a team's products of a tier, however the owner is written (example 2)", async () => {
    expect(names(await find(exampleInput(examples, 1)))).toEqual([
      'orders-enriched',
    ]);
    for (const owner of [
      'checkout-team',
      'group:default/checkout-team',
      'Group:default/Checkout-Team',
    ]) {
      expect(names(await find({ owner }))).toEqual([
        'orders-enriched',
        'orders-placed',
        'refunds-issued',
      ]);
    }
  });

  it('finds by domain, quality and classification together (example 3)', async () => {
    expect(names(await find(exampleInput(examples, 2)))).toEqual([
      'customer-profiles',
    ]);
    expect(
      names(await find({ domain: 'domain:default/payments', tier: 'tier-1' })),
    ).toEqual(['ledger-entries', 'payments-settled']);
    expect(names(await find({ classification: 'confidential' }))).toEqual([
      'orders-enriched',
    ]);
  });

  it('answers with the summary of each product', async () => {
    const output = await find({ text: 'orders-placed' });
    expect(output.items).toEqual([
      {
        entityRef: 'dataproduct:default/orders-placed',
        name: 'orders-placed',
        title: 'Orders placed',
        description: 'Every order placed in the web shop, in real time.',
        owner: checkout,
        domain: 'domain:default/checkout',
        status: 'active',
        lifecycle: 'production',
        tier: 'tier-2',
        freshness: 'PT5M',
        quality: 'curated',
        classification: 'internal',
        topic: `test.orders-placed-${run}.v1`,
        tags: ['checkout'],
      },
    ]);
    // A long description is cut, so that a page of results stays small.
    const [enriched] = (await find({ text: 'enriched' })).items;
    expect(enriched.description).toHaveLength(300);
    expect(enriched.description.endsWith('…')).toBe(true);
    expect(enriched.owner).toBe(checkout);
  });

  it(`returns at most limit products, at most ${MAX_FIND_LIMIT}, with how many match`, async () => {
    const output = await find({ owner: 'checkout-team', limit: 2 });
    expect(names(output)).toEqual(['orders-enriched', 'orders-placed']);
    expect(output.totalItems).toBe(3);
    for (const limit of [0, MAX_FIND_LIMIT + 1, 1.5]) {
      const refused = await backend.invoke('find-data-products', { limit });
      expect(refused.status).toBe(400);
      expect(refused.error?.name).toBe('InputError');
    }
  });

  it("searches as the caller: the catalog's read permission applies", async () => {
    expect(names(await find({ owner: 'payments-team' }, OWNER))).toEqual([
      'ledger-entries',
      'payments-settled',
    ]);
    const seen = await find({ owner: 'payments-team' }, NON_OWNER);
    expect(names(seen)).toEqual(['payments-settled']);
    expect(seen.totalItems).toBe(1);
    expect(names(await find({ text: 'ledger' }, NON_OWNER))).toEqual([]);
  });

  it('refuses an owner or domain that names another kind, and a caller without a valid token', async () => {
    const wrongKind = await backend.invoke('find-data-products', {
      owner: 'component:default/shop',
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.error?.message).toBe(
      "owner 'component:default/shop' names a component; expected group or user",
    );
    const noToken = await backend.invoke('find-data-products', {}, null);
    expect(noToken.status).toBe(401);
  });

  it('is listed as a read-only action', async () => {
    const actions = await backend.list();
    expect(actions.find(a => a.name === 'find-data-products')).toMatchObject({
      id: 'data-mesh:find-data-products',
      attributes: { readOnly: true, destructive: false, idempotent: true },
    });
  });
});
