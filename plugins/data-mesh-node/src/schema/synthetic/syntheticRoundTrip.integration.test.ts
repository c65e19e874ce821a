import { SchemaType } from '@kafkajs/confluent-schema-registry';
import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import { readDataMeshConfig } from '../../config/readDataMeshConfig';
import { createSchemaRegistry } from '../../registry/createSchemaRegistry';
import { SchemaRegistryRestClient } from '../../registry/SchemaRegistryRestClient';
import { localStackConfig, uniqueName } from '../../__testUtils__/localStack';
import { parseProtobuf } from '../parse/parseProtobuf';
import { generateSyntheticRecords } from './generateSyntheticRecords';

const avroSchema = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'it.synthetic',
  fields: [
    { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
    {
      name: 'placedAt',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    {
      name: 'total',
      type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 },
    },
    {
      name: 'currency',
      type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] },
    },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'name', type: ['null', 'string'], default: null },
        ],
      },
    },
    {
      name: 'lines',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Line',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
          ],
        },
      },
    },
    { name: 'attributes', type: { type: 'map', values: 'long' } },
  ],
});

// Formats need the registry client's Ajv per dialect (createSchemaRegistry).
const jsonSchema = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['orderId', 'placedAt', 'customer', 'qty'],
  properties: {
    orderId: { type: 'string', format: 'uuid' },
    placedAt: { type: 'string', format: 'date-time' },
    website: { type: 'string', format: 'uri' },
    qty: { type: 'integer', minimum: 1, maximum: 99 },
    status: { enum: ['NEW', 'PAID'] },
    customer: {
      type: 'object',
      required: ['email'],
      properties: {
        email: { type: 'string', format: 'email' },
        phone: { type: ['string', 'null'] },
      },
    },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { sku: { type: 'string' } } },
    },
  },
});

const protobufSchema = `syntax = "proto3";
package it.synthetic;
message OrderPlaced {
  string order_id = 1;
  int64 placed_at = 2;
  Status status = 3;
  Customer customer = 4;
  repeated Line lines = 5;
  map<string, int32> counters = 6;
  oneof payment {
    string card_number = 7;
    string iban = 8;
  }
  optional string note = 9;
  bytes signature = 10;
}
enum Status { NEW = 0; PAID = 1; }
message Customer { string email = 1; string full_name = 2; }
message Line { string sku = 1; uint32 qty = 2; }
`;

const CASES: Array<[OutputFormat, SchemaType, string]> = [
  ['avro', SchemaType.AVRO, avroSchema],
  ['json', SchemaType.JSON, jsonSchema],
  ['protobuf', SchemaType.PROTOBUF, protobufSchema],
];

describe('synthetic records through the real registry’s serializers', () => {
  const config = readDataMeshConfig(localStackConfig());
  const registry = createSchemaRegistry(config.schemaRegistry);
  const rest = new SchemaRegistryRestClient(config.schemaRegistry);
  const subjects: string[] = [];

  afterAll(async () => {
    await Promise.all(subjects.map(s => rest.deleteSubject(s)));
  });

  it.each(CASES)(
    'encodes and decodes %s records unchanged',
    async (format, type, schema) => {
      const subject = uniqueName(`it.synthetic-${format}-value`);
      subjects.push(subject);
      const { id } = await registry.register({ type, schema } as any, {
        subject,
      });
      const records = generateSyntheticRecords({ format, schema, count: 25 });
      // protobufjs hands back Message objects with Longs and Buffers (from
      // the client's own copy of protobufjs); both sides are compared in
      // its plain-object form.
      const message =
        format === 'protobuf'
          ? parseProtobuf(schema, { keepCase: false }).message
          : undefined;
      const options = { longs: Number, bytes: String };
      const decoded = (value: any) =>
        message ? message.toObject(value, options) : value;
      const expected = (value: any) =>
        message ? message.toObject(message.fromObject(value), options) : value;
      for (const record of records) {
        const encoded = await registry.encode(id, record);
        expect(encoded.readInt32BE(1)).toBe(id);
        expect(decoded(await registry.decode(encoded))).toEqual(
          expected(record),
        );
      }
    },
  );
});
