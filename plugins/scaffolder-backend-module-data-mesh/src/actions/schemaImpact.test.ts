import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MAX_SCHEMA_TEXT_LENGTH } from '@kafka-mesh/plugin-data-mesh-common';
import {
  avroSchema,
  cleanUp,
  createTopic,
  exampleInput,
  fixtureKafka,
  newProduct,
  registerSchema,
  runAction,
  testClients,
  testWriter,
} from '../__testUtils__/testEnvironment';
import { createSchemaImpactAction } from './schemaImpact';
import { examples } from './schemaImpact.examples';

/** One Avro record of string fields, in the registry's wire format. */
function wireRecord(schemaId: number, values: string[]): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  const body = values.map(v => {
    // Short strings: a one-byte zig-zag length.
    const bytes = Buffer.from(v);
    return Buffer.concat([Buffer.from([bytes.length * 2]), bytes]);
  });
  return Buffer.concat([header, ...body]);
}

describe('dataMesh:schema:impact', () => {
  // The registry and the broker are real; the catalog is a mock.
  const clients = testClients();
  const base = newProduct({
    qualityRules: [
      {
        name: 'order-id-present',
        metric: 'nullValues',
        property: 'orderId',
        mustBe: 0,
      },
    ],
  });
  const reader = newProduct({
    inputs: [base.ref],
    owner: 'group:default/customer-team',
  });
  // The catalog's ownedBy relation, which the ownership rule reads.
  const catalog = catalogServiceMock({
    entities: [
      {
        ...base.descriptor,
        relations: [{ type: 'ownedBy', targetRef: base.descriptor.spec.owner }],
      },
      reader.descriptor,
    ],
  });
  // As a member of the owning team, under the portal's ownership rule.
  const action = createSchemaImpactAction({
    catalog,
    writer: testWriter({
      clients,
      catalog,
      policy: { claims: [base.descriptor.spec.owner] },
    }),
  });

  beforeAll(async () => {
    await createTopic(clients, base.topic);
    await registerSchema(clients, base.subject, ['orderId', 'status']);
    const { id } = (await clients.registry.latestVersion(base.subject))!;
    const producer = fixtureKafka(clients).producer();
    await producer.connect();
    try {
      await producer.send({
        topic: base.topic,
        messages: [0, 1, 2].map(i => ({
          value: wireRecord(id, [`o-${i}`, 'placed']),
        })),
      });
    } finally {
      await producer.disconnect();
    }
  });

  afterAll(async () => {
    await cleanUp(clients, { topics: [base.topic], subjects: [base.subject] });
    await clients.kafka.stop();
  });

  it("refuses a caller outside the product's owning team before reading anything", async () => {
    const outsider = createSchemaImpactAction({
      catalog,
      writer: testWriter({
        clients,
        catalog,
        policy: { claims: ['group:default/customer-team'] },
      }),
    });
    await expect(
      runAction(outsider, {
        entityRef: base.ref,
        schema: '{"type":"string"}',
      }),
    ).rejects.toThrow(
      `You may not check a new schema of ${base.ref}: only its owner`,
    );
  });

  it('refuses a schema text beyond the bound before any work (the task validates its input)', () => {
    const input = action.schema?.input as {
      properties: Record<string, { maxLength?: number }>;
    };
    expect(input.properties.schema.maxLength).toBe(MAX_SCHEMA_TEXT_LENGTH);
  });

  it('passes a compatible schema and names the downstream products (example 1)', async () => {
    const output = await runAction(action, {
      ...exampleInput(examples, 0),
      entityRef: base.ref,
      schema: JSON.stringify({
        ...JSON.parse(avroSchema(['orderId', 'status'])),
        fields: [
          { name: 'orderId', type: 'string' },
          { name: 'status', type: 'string' },
          { name: 'channel', type: 'string', default: 'web' },
        ],
      }),
    });
    expect(output).toMatchObject({
      breaking: false,
      compatible: true,
      unreadableRecords: 0,
      downstreamProducts: [reader.ref],
    });
    expect(output.report).toContain(
      'records: the new schema reads all 3 newest records',
    );
  });

  it('fails on a breaking schema with the reasons', async () => {
    const breaking = avroSchema(['orderId', 'state']); // `status` renamed, no default
    await expect(
      runAction(action, { entityRef: base.ref, schema: breaking }),
    ).rejects.toThrow(
      /breaks: the registry rejects it \(.*state.*\); 3 of the 3 newest records cannot be read with it/,
    );
  });

  it('reports a breaking schema without failing when allowed (example 2)', async () => {
    const output = await runAction(action, {
      ...exampleInput(examples, 1),
      entityRef: base.ref,
      schema: avroSchema(['orderId', 'state']),
    });
    expect(output).toMatchObject({
      breaking: true,
      compatible: false,
      unreadableRecords: 3,
    });
    expect(output.report).toContain('BREAKING');
  });

  it('refuses a schema that does not parse', async () => {
    await expect(
      runAction(action, { entityRef: base.ref, schema: '{"type": "record"' }),
    ).rejects.toThrow(InputError);
  });
});
