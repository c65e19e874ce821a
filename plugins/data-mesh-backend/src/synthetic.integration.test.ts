import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  recordValidator,
  SchemaRegistryRestClient,
  SCHEMA_TYPE_OF_FORMAT,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  dataMeshSyntheticReadPermission,
  OutputFormat,
} from '@kafka-mesh/plugin-data-mesh-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { randomUUID } from 'node:crypto';
import {
  startDataMeshBackend,
  TestDataMeshBackend,
  sharedStack,
} from './__testUtils__/testBackend';

const { registryUrl } = sharedStack;

const run = randomUUID().slice(0, 8);
const topicOf = (format: OutputFormat) => `it.dm-synthetic-${format}-${run}.v1`;
const productOf = (format: OutputFormat) => `synthetic-${format}-${run}`;
const base = (format: OutputFormat) =>
  `/products/default/${productOf(format)}/synthetic`;

const avroSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'it',
  fields: [
    { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
    {
      name: 'placedAt',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'loyaltyCode', type: 'string' },
        ],
      },
    },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};
// Declared `json` in the descriptor: the registered type must win.
const protobufSchema = `syntax = "proto3";
message Shipment { string shipment_id = 1; string recipient_name = 2; int32 parcels = 3; }
`;

jest.setTimeout(120_000);

describe('GET /products/:namespace/:name/synthetic on the real registry', () => {
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  let backend: TestDataMeshBackend;
  // The permission a test denies; every other one is allowed.
  let denied: string | undefined;

  beforeAll(async () => {
    const registered: Array<[OutputFormat, string]> = [
      ['avro', JSON.stringify(avroSchema)],
      ['protobuf', protobufSchema],
    ];
    for (const [format, schema] of registered) {
      await registry.register(`${topicOf(format)}-value`, {
        schema,
        schemaType: SCHEMA_TYPE_OF_FORMAT[format],
      });
    }
    backend = await startDataMeshBackend({
      registryUrl,
      entities: [
        makeDataProduct(productOf('avro'), topicOf('avro'), {
          piiFields: ['customer.loyaltyCode'],
        }),
        makeDataProduct(productOf('protobuf'), topicOf('protobuf'), {
          output: {
            cluster: 'local',
            topic: topicOf('protobuf'),
            format: 'json',
          },
        }),
        // No schema registered under this one's subject.
        makeDataProduct(productOf('json'), topicOf('json')),
      ],
      decide: permission =>
        permission.name === denied
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    await eventually(async () => {
      const { status } = await backend.get(`${base('avro')}?count=1`);
      if (status !== 200)
        throw new Error(`product not ingested yet (${status})`);
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await Promise.all(
      (['avro', 'protobuf'] as const).map(format =>
        registry.deleteSubject(`${topicOf(format)}-value`),
      ),
    );
  });

  it('serves 20 valid records of the latest schema, PII made up realistically', async () => {
    const res = await backend.get<{ records: any[] }>(base('avro'));
    expect(res.status).toBe(200);
    expect(res.body.records).toHaveLength(20);
    const validate = recordValidator('avro', JSON.stringify(avroSchema));
    for (const record of res.body.records) {
      expect(validate(record)).toBeUndefined();
      expect(record.customer.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
      // Listed in piiFields: a person's name, not a random word.
      expect(record.customer.loyaltyCode).toMatch(/\w+ \w+/);
    }
  });

  it('gives the same records for the same seed, others for another', async () => {
    const a = await backend.get(`${base('avro')}?count=5&seed=3`);
    const b = await backend.get(`${base('avro')}?count=5&seed=3`);
    const c = await backend.get(`${base('avro')}?count=5&seed=4`);
    expect(a.body.records).toHaveLength(5);
    expect(b.body).toEqual(a.body);
    expect(c.body).not.toEqual(a.body);
  });

  it('follows the registered schema type, not the declared format', async () => {
    const res = await backend.get<{ records: any[] }>(
      `${base('protobuf')}?count=10`,
    );
    expect(res.status).toBe(200);
    const validate = recordValidator('protobuf', protobufSchema);
    for (const record of res.body.records) {
      expect(validate(record)).toBeUndefined();
      expect(record.recipientName).toMatch(/\w+ \w+/);
    }
  });

  it('offers the records as a file to download', async () => {
    const res = await backend.get(`${base('avro')}?count=3&download=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${productOf('avro')}-synthetic.json"`,
    );
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toHaveLength(3);
  });

  it.each(['0', '1001', 'ten', '2.5'])(
    'answers 400 for count=%s',
    async count => {
      const res = await backend.get(`${base('avro')}?count=${count}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'count must be an integer from 1 to 1000',
      );
    },
  );

  it('answers 403 to whom the policy denies synthetic records of the product', async () => {
    denied = dataMeshSyntheticReadPermission.name;
    try {
      const res = await backend.get(base('avro'));
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: `You may not generate synthetic records of dataproduct:default/${productOf(
          'avro',
        )}`,
      });
      // The download too, and before anything is generated.
      expect((await backend.get(`${base('avro')}?download=1`)).status).toBe(
        403,
      );
    } finally {
      denied = undefined;
    }
    expect((await backend.get(`${base('avro')}?count=1`)).status).toBe(200);
  });

  it('answers 404 without a registered schema or product', async () => {
    const noSchema = await backend.get(base('json'));
    expect(noSchema.status).toBe(404);
    expect(noSchema.body.error.message).toBe(
      `The subject '${topicOf('json')}-value' has no version latest`,
    );
    expect(
      (await backend.get(`/products/default/missing-${run}/synthetic`)).status,
    ).toBe(404);
  });
});
