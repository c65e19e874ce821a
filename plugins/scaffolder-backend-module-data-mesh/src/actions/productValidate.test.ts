import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  avroSchema,
  registerSchema,
  cleanUp,
  exampleInput,
  newProduct,
  ownerGroup,
  runAction,
  subjectExists,
  testClients,
  testWriter,
  topicExists,
} from '../__testUtils__/testEnvironment';
import { createProductValidateAction } from './productValidate';
import { examples } from './productValidate.examples';

describe('dataMesh:product:validate', () => {
  const clients = testClients();
  // An upstream product with a weaker promise than the products below.
  const upstream = newProduct({
    sla: {
      tier: 'tier-3',
      availability: 99,
      freshness: 'PT1H',
      supportHours: 'business-hours',
      onCall: 'https://oncall.example.com/payments',
    },
  });
  const catalog = catalogServiceMock({
    entities: [ownerGroup, upstream.descriptor],
  });
  const action = createProductValidateAction({
    writer: testWriter({ clients, catalog }),
  });
  const subjects: string[] = [];

  afterAll(() => cleanUp(clients, { subjects }));

  /** Example 1 for a new, uniquely named product. */
  function exampleFor(product: ReturnType<typeof newProduct>) {
    const input = exampleInput(examples, 0);
    const descriptor = input.descriptor as DataProductEntity;
    descriptor.metadata.name = product.name;
    descriptor.spec.output.topic = product.topic;
    subjects.push(product.subject);
    return { ...input, descriptor };
  }

  /** Asserts the failure and that neither topic nor subject exists. */
  async function expectRefused(
    input: Parameters<typeof action.handler>[0]['input'],
    product: ReturnType<typeof newProduct>,
    ...messages: Array<string | RegExp>
  ) {
    const attempt = runAction(action, input);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `The data product ${product.ref} cannot be published:`,
    );
    for (const message of messages) {
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await topicExists(clients, product.topic)).toBe(false);
    expect(await subjectExists(clients, product.subject)).toBe(false);
  }

  it('passes a complete new product with a schema (example 1)', async () => {
    const product = newProduct();
    expect(await runAction(action, exampleFor(product))).toEqual({
      entityRef: product.ref,
      topic: product.topic,
      subject: product.subject,
      effectiveSla: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT5M',
        supportHours: 'business-hours',
      },
      slaWarnings: [],
    });
  });

  it('passes an existing stream whose schema is registered, with an acknowledged SLA (example 2)', async () => {
    const product = newProduct({ inputs: [upstream.ref] });
    subjects.push(product.subject);
    await registerSchema(clients, product.subject, ['orderId']);
    const output = await runAction(action, {
      ...exampleInput(examples, 1),
      descriptor: product.descriptor,
    });
    expect(output.effectiveSla).toEqual({
      tier: 'tier-3',
      availability: 99,
      freshness: 'PT1H',
      supportHours: 'business-hours',
    });
    expect(output.slaWarnings).toEqual([
      `declared tier tier-2 is better than tier-3 from ${upstream.ref}`,
      `declared availability 99.5% is better than 99% from ${upstream.ref}`,
      `declared freshness PT5M is better than PT1H from ${upstream.ref}`,
    ]);
  });

  it('refuses an owner the catalog does not know', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    input.descriptor.spec.owner = 'group:default/nobody';
    await expectRefused(
      input,
      product,
      'spec.owner: group:default/nobody does not exist in the catalog',
    );
  });

  it('refuses a product without on-call', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    delete (input.descriptor.spec.sla as { onCall?: string }).onCall;
    await expectRefused(input, product, 'spec.sla.onCall: is required');
  });

  it('refuses a product without a description', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    input.descriptor.metadata.description = ' ';
    await expectRefused(
      input,
      product,
      'metadata.description: is required to publish',
    );
  });

  it('refuses an SLA above its inputs unless acknowledged', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    input.descriptor.spec.inputs = [upstream.ref];
    await expectRefused(
      input,
      product,
      `spec.sla promises more than the inputs allow (the effective SLA is the weakest over the product and its inputs): declared tier tier-2 is better than tier-3 from ${upstream.ref}; `,
      'acknowledgeSlaAboveInputs',
    );
    const output = await runAction(action, {
      ...input,
      acknowledgeSlaAboveInputs: true,
    });
    expect(output.effectiveSla.tier).toBe('tier-3');
    expect(output.slaWarnings).toHaveLength(3);
  });

  it('refuses an input that is not in the catalog', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    input.descriptor.spec.inputs = ['ghost-product'];
    await expectRefused(
      input,
      product,
      'spec.inputs: dataproduct:default/ghost-product is not a data product in the catalog',
    );
  });

  it('refuses a schema with a syntax error, naming its position', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    input.schema.content = '{"type": "record", "name": "X", "fields": [}';
    await expectRefused(
      input,
      product,
      /Invalid Avro schema at line 1, column \d+/,
    );
  });

  it('refuses a schema that is incompatible with the registered one, in words', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    await registerSchema(clients, product.subject, ['orderId']);
    input.schema.content = avroSchema(['orderId', 'amount']);
    const attempt = runAction(action, input);
    await expect(attempt).rejects.toThrow(
      `the schema is not BACKWARD compatible with the subject '${product.subject}' (newest version 1):\n    - `,
    );
    await expect(attempt).rejects.toThrow(/amount/);
    expect(await clients.registry.versions(product.subject)).toEqual([1]);
    expect(await topicExists(clients, product.topic)).toBe(false);
  });

  it('refuses a stream without a schema when none is given', async () => {
    const product = newProduct();
    subjects.push(product.subject);
    await expectRefused(
      { descriptor: product.descriptor },
      product,
      `no schema is registered under the subject '${product.subject}'; register one first (schemaRegistry:schema:register)`,
    );
  });

  it('refuses a schema in another format than the output port', async () => {
    const product = newProduct();
    const input = exampleFor(product);
    input.schema.format = 'json';
    await expectRefused(
      input,
      product,
      'the schema is json, but spec.output.format is avro',
    );
  });

  describe('governance', () => {
    const governed = createProductValidateAction({
      writer: testWriter({
        catalog,
        clients: testClients({
          governance: {
            allowedFormats: ['protobuf'],
            requiredFields: ['spec.classification'],
            requiredTags: ['pii-reviewed'],
            partitions: { min: 1, max: 6, default: 3 },
            retention: { min: 'P3D' },
          },
        }),
      }),
    });

    it('reports every broken rule at once, with the config key that sets it', async () => {
      const product = newProduct();
      const input = { ...exampleFor(product), partitions: 8 };
      input.descriptor.spec.output.topic = `commerce_${product.name}`;
      input.descriptor.spec.sla.retention = 'P1D';
      const attempt = runAction(governed, input);
      await expect(attempt).rejects.toThrow(InputError);
      const message = await attempt.catch(e => e.message);
      for (const expected of [
        'spec.output.format: format avro is not allowed; allowed: protobuf (rule allowed-formats, set by dataMesh.governance.allowedFormats)',
        `spec.output.topic: topic 'commerce_${product.name}' does not follow the naming rule '{domain}.{name}.v{major}'`,
        'spec.classification: is required (rule required-fields, set by dataMesh.governance.requiredFields)',
        "metadata.tags: must include 'pii-reviewed' (rule required-tags, set by dataMesh.governance.requiredTags)",
        'spec.sla.retention: retention P1D is below the minimum P3D (rule retention, set by dataMesh.governance.retention.min)',
        '8 partitions is above the maximum of 6 (rule partitions, set by dataMesh.governance.partitions.max)',
      ]) {
        expect(message).toContain(expected);
      }
      expect(await topicExists(clients, product.topic)).toBe(false);
      expect(await subjectExists(clients, product.subject)).toBe(false);
    });

    it('refuses a subject level weaker than the tier needs', async () => {
      const product = newProduct();
      const input = exampleFor(product);
      input.descriptor.spec.sla.tier = 'tier-1';
      await expectRefused(
        { ...input, compatibility: 'BACKWARD' },
        product,
        'compatibility BACKWARD is not BACKWARD_TRANSITIVE or stricter, as tier-1 products need (rule min-compatibility, set by dataMesh.governance.minCompatibility.tier-1)',
      );
    });
  });

  it('is safe in a dry run: it changes nothing anyway', async () => {
    expect(action.supportsDryRun).toBe(true);
    const product = newProduct();
    const output = await runAction(action, exampleFor(product), {
      isDryRun: true,
    });
    expect(output.entityRef).toBe(product.ref);
  });
});
