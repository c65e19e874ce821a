import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createTopics,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  ActionsTestBackend,
  exampleInput,
  NON_OWNER,
  OWNER,
  startActionsBackend,
} from '../__testUtils__/actionsBackend';
import { fixtureKafka, sharedStack } from '../__testUtils__/testBackend';
import { examples } from './validateDataProduct.examples';

// The same checks as PUT /products/…?dryRun=true, on the real catalog,
// Kafka and registry, under a stand-in of the portal's policy.
jest.setTimeout(60_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-actions-${run}`;
const registry = new SchemaRegistryRestClient({ url: sharedStack.registryUrl });
// The test's own fixtures run as the broker's admin; the backend as the portal.
const kafka = fixtureKafka();

/** Hand-written in the catalog: the input of example 2. */
const ordersPlaced = makeDataProduct(
  'orders-placed',
  `checkout.orders-placed-${run}.v1`,
  {
    domain: 'checkout',
    sla: {
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
      onCall: 'https://oncall.example.com/checkout',
    },
  },
);

describe('data-mesh:validate-data-product', () => {
  let backend: ActionsTestBackend;
  let admin: Admin;
  const topics: string[] = [];
  const subjects: string[] = [];

  const validate = (input: object, user = OWNER) =>
    backend.invoke('validate-data-product', input, user);

  /**
   * An example's descriptor renamed for this run, its topic created and its
   * schema registered unless told otherwise.
   */
  async function exampleFor(
    index: number,
    { topic = true, schema = true } = {},
  ) {
    const input = exampleInput(examples, index);
    const descriptor = input.descriptor as DataProductEntity;
    const name = `${descriptor.metadata.name}-${randomUUID().slice(0, 8)}`;
    descriptor.metadata.name = name;
    descriptor.spec.output.topic = `checkout.${name}.v1`;
    const created = descriptor.spec.output.topic;
    if (topic) {
      topics.push(created);
      await createTopics(admin, {
        topics: [{ topic: created, numPartitions: 1, replicationFactor: 1 }],
      });
    }
    if (schema) {
      subjects.push(`${created}-value`);
      await registry.register(`${created}-value`, {
        schemaType: 'AVRO',
        schema: JSON.stringify({
          type: 'record',
          name: 'Order',
          fields: [{ name: 'orderId', type: 'string' }],
        }),
      });
      // The level the tier needs under the default governance rules.
      await registry.setCompatibility(
        `${created}-value`,
        descriptor.spec.sla.tier === 'tier-1'
          ? 'BACKWARD_TRANSITIVE'
          : 'BACKWARD',
      );
    }
    return {
      input: { ...input, descriptor },
      ref: `dataproduct:default/${name}`,
    };
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    backend = await startActionsBackend({
      entities: [ordersPlaced],
      registryTopic,
    });
    // Until the catalog has read the org and the input product.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { output } = await backend.invoke('find-data-products', {});
      if (output?.totalItems === 1) break;
      if (Date.now() > deadline) throw new Error('catalog not ready in 30 s');
      await new Promise(r => setTimeout(r, 250));
    }
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    if (admin) {
      const existing = new Set(await admin.listTopics());
      const doomed = [...topics, registryTopic].filter(t => existing.has(t));
      if (doomed.length) await admin.deleteTopics({ topics: doomed });
      await admin.disconnect();
    }
    await Promise.all(
      subjects.map(s => registry.deleteSubject(s).catch(() => undefined)),
    );
  });

  /** Nothing was published: the registry topic was never even created. */
  async function expectNothingWritten() {
    expect(await admin.listTopics()).not.toContain(registryTopic);
  }

  it('passes a complete new product of the caller’s team (example 1)', async () => {
    const { ref, input } = await exampleFor(0);
    const answer = await validate(input);
    expect(answer).toEqual({
      status: 200,
      output: {
        valid: true,
        entityRef: ref,
        problems: [],
        updated: false,
        effectiveSla: {
          tier: 'tier-2',
          availability: 99.5,
          freshness: 'PT5M',
          supportHours: 'business-hours',
        },
        slaWarnings: [],
      },
    });
    await expectNothingWritten();
  });

  it('gives the effective SLA of a product promising more than its input (example 2)', async () => {
    const { input } = await exampleFor(1);
    const { output } = await validate(input);
    expect(output).toMatchObject({ valid: true, problems: [] });
    expect(output.effectiveSla).toEqual({
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
    });
    expect(output.slaWarnings).toHaveLength(4);
    expect(output.slaWarnings[0]).toBe(
      'declared tier tier-1 is better than tier-2 from dataproduct:default/orders-placed',
    );

    // Without the acknowledgement it is a problem, as on publish.
    const refused = await validate({
      descriptor: input.descriptor,
    });
    expect(refused.output.valid).toBe(false);
    expect(refused.output.problems).toEqual([
      expect.stringMatching(
        /^spec\.sla promises more than the inputs allow .* Lower the SLA, or acknowledge it with acknowledgeSlaAboveInputs$/,
      ),
    ]);
    await expectNothingWritten();
  });

  it('reports every problem of a bad descriptor at once', async () => {
    const {
      ref,
      input: { descriptor },
    } = await exampleFor(0, { schema: false });
    descriptor.metadata.description = ' ';
    descriptor.spec.sla.retention = 'PT1M';
    descriptor.spec.inputs = ['ghost-product'];
    delete (descriptor.spec.sla as { onCall?: string }).onCall;
    // Structural problems come first, alone: the rest cannot be checked.
    const invalid = await validate({ descriptor });
    expect(invalid.status).toBe(200);
    expect(invalid.output).toEqual({
      valid: false,
      entityRef: ref,
      problems: [expect.stringContaining('spec.sla.onCall: is required')],
      slaWarnings: [],
    });

    descriptor.spec.sla.onCall = 'https://oncall.example.com/checkout';
    const { output } = await validate({ descriptor });
    expect(output.valid).toBe(false);
    expect(output.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^metadata\.description: is required to publish/),
        'spec.inputs: dataproduct:default/ghost-product is not a data product in the catalog',
        'spec.sla.retention: retention PT1M is below the minimum PT1H (rule retention, set by dataMesh.governance.retention.min)',
        `no schema is registered under the subject '${descriptor.spec.output.topic}-value'; register one first (schemaRegistry:schema:register)`,
      ]),
    );
    expect(output.problems).toHaveLength(4);
    await expectNothingWritten();
  });

  it('reports a topic that does not exist, as the dry-run publish does', async () => {
    const {
      input: { descriptor },
    } = await exampleFor(0, { topic: false });
    const { output } = await validate({ descriptor });
    expect(output).toMatchObject({ valid: false });
    expect(output.problems).toEqual([
      `its topic '${descriptor.spec.output.topic}' does not exist on the cluster 'local'; create it first (kafka:topic:create)`,
    ]);
  });

  it('reports a product that is not published through the registry topic', async () => {
    const descriptor = structuredClone(ordersPlaced);
    const { output } = await validate({ descriptor });
    expect(output.valid).toBe(false);
    expect(output.problems).toEqual([
      expect.stringMatching(
        /^The data product default\/orders-placed is not published through a registry topic but comes from file:.*; change it there$/,
      ),
    ]);
  });

  it("refuses a caller who may not publish the descriptor's team's product", async () => {
    const {
      ref,
      input: { descriptor },
    } = await exampleFor(0);
    const refused = await validate({ descriptor }, NON_OWNER);
    expect(refused.status).toBe(403);
    expect(refused.error).toEqual(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: `You may not publish ${ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.publish)`,
      }),
    );
    // The owner may; so may the non-owner for a team of their own.
    expect((await validate({ descriptor }, OWNER)).output.valid).toBe(true);
    descriptor.spec.owner = 'group:default/customer-team';
    expect((await validate({ descriptor }, NON_OWNER)).output.valid).toBe(true);
    await expectNothingWritten();
  });

  it('refuses an input that is not a descriptor object, and a caller without a valid token', async () => {
    expect((await validate({ descriptor: 'orders-placed' })).status).toBe(400);
    expect((await validate({})).status).toBe(400);
    const {
      input: { descriptor },
    } = await exampleFor(0, { topic: false, schema: false });
    expect(
      (await backend.invoke('validate-data-product', { descriptor }, null))
        .status,
    ).toBe(401);
  });
});
