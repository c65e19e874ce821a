import * as avro from 'avsc';
import * as protobuf from 'protobufjs';
import { parseJsonSchema } from '../parse/parseJsonSchema';
import { generateSyntheticRecords } from './generateSyntheticRecords';

const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]+$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('generateSyntheticRecords for Avro', () => {
  const schema = {
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'shop',
    fields: [
      { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
      {
        name: 'placedAt',
        type: { type: 'long', logicalType: 'timestamp-millis' },
      },
      {
        name: 'placedAtMicros',
        type: { type: 'long', logicalType: 'timestamp-micros' },
      },
      { name: 'deliveryDate', type: { type: 'int', logicalType: 'date' } },
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
            { name: 'name', type: 'string' },
            { name: 'loyaltyCode', type: 'string' },
            { name: 'birthDate', type: { type: 'int', logicalType: 'date' } },
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
      { name: 'attributes', type: { type: 'map', values: 'string' } },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
    ],
  };
  const text = JSON.stringify(schema);
  const records = generateSyntheticRecords({
    format: 'avro',
    schema: text,
    count: 40,
    piiFields: ['customer.loyaltyCode'],
  });

  it('generates valid records, as the serializer takes them', () => {
    const type = avro.Type.forSchema(schema as avro.Schema);
    expect(records).toHaveLength(40);
    for (const record of records) expect(type.isValid(record)).toBe(true);
  });

  it('respects logical types, enums and nesting', () => {
    const [first] = records;
    expect(first.orderId).toMatch(UUID);
    const placedAt = first.placedAt as number;
    expect(placedAt).toBeGreaterThan(Date.parse('2023-12-31'));
    expect(placedAt).toBeLessThanOrEqual(Date.parse('2025-01-01'));
    expect(first.placedAtMicros).toBeGreaterThan(placedAt * 100);
    expect(first.deliveryDate).toBeGreaterThan(19_000); // days since 1970
    expect(Buffer.isBuffer(first.total)).toBe(true);
    expect(['EUR', 'USD']).toContain(first.currency);
    expect((first.lines as unknown[]).length).toBeGreaterThan(0);
    expect(Object.keys(first.attributes as object).length).toBeGreaterThan(0);
    expect((first.hash as Buffer).length).toBe(4);
  });

  it('makes nullable fields null sometimes, not always', () => {
    const notes = records.map(r => r.note);
    expect(notes).toContain(null);
    expect(notes.some(n => typeof n === 'string')).toBe(true);
  });

  it('gives personal and PII-listed fields realistic values', () => {
    for (const { customer } of records as Array<{ customer: any }>) {
      expect(customer.email).toMatch(EMAIL);
      expect(customer.name).toMatch(/\w+ \w+/);
      // Listed in piiFields: a person's name rather than a random word.
      expect(customer.loyaltyCode).toMatch(/\w+ \w+/);
      // A birth date is an adult's, long before the order.
      expect(customer.birthDate).toBeLessThan(365 * 40);
    }
  });

  it('is deterministic for a seed and varies between seeds', () => {
    const again = generateSyntheticRecords({
      format: 'avro',
      schema: text,
      count: 40,
      piiFields: ['customer.loyaltyCode'],
    });
    expect(again).toEqual(records);
    const other = generateSyntheticRecords({
      format: 'avro',
      schema: text,
      count: 40,
      seed: 7,
    });
    expect(other).not.toEqual(records);
  });

  it('fills a union of records with the wrapped form avsc expects', () => {
    const union = JSON.stringify({
      type: 'record',
      name: 'Event',
      fields: [
        {
          name: 'payload',
          type: [
            { type: 'record', name: 'A', fields: [{ name: 'x', type: 'int' }] },
            { type: 'record', name: 'B', fields: [{ name: 'y', type: 'int' }] },
          ],
        },
      ],
    });
    const type = avro.Type.forSchema(JSON.parse(union));
    for (const record of generateSyntheticRecords({
      format: 'avro',
      schema: union,
      count: 10,
    })) {
      expect(type.isValid(record)).toBe(true);
    }
  });

  it('stops recursive records', () => {
    const tree = JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'children', type: { type: 'array', items: 'Node' } },
        { name: 'parent', type: ['null', 'Node'], default: null },
      ],
    });
    const type = avro.Type.forSchema(JSON.parse(tree));
    const [record] = generateSyntheticRecords({
      format: 'avro',
      schema: tree,
      count: 1,
    });
    expect(type.isValid(record)).toBe(true);
  });
});

describe('generateSyntheticRecords for JSON Schema', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['orderId', 'placedAt', 'customer', 'qty', 'status', 'sku'],
    properties: {
      orderId: { type: 'string', format: 'uuid' },
      placedAt: { type: 'string', format: 'date-time' },
      website: { type: 'string', format: 'uri' },
      qty: { type: 'integer', minimum: 5, maximum: 9 },
      price: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
      step: { type: 'integer', multipleOf: 5, minimum: 10, maximum: 40 },
      status: { enum: ['NEW', 'PAID'] },
      sku: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
      code: { type: 'string', minLength: 12, maxLength: 14 },
      note: { type: ['string', 'null'] },
      customer: { $ref: '#/$defs/Customer' },
      tags: {
        type: 'array',
        items: { type: 'string' },
        minItems: 2,
        maxItems: 4,
        uniqueItems: true,
      },
    },
    $defs: {
      Customer: {
        type: 'object',
        required: ['email', 'firstName', 'phone', 'dateOfBirth'],
        properties: {
          email: { type: 'string', format: 'email' },
          firstName: { type: 'string' },
          phone: { type: 'string' },
          dateOfBirth: { type: 'string', format: 'date' },
        },
      },
    },
  };
  const text = JSON.stringify(schema);
  const records = generateSyntheticRecords({
    format: 'json',
    schema: text,
    count: 40,
  });

  it('generates documents the schema accepts', () => {
    const { validate } = parseJsonSchema(text);
    for (const record of records) {
      expect(validate(record)).toBe(true);
    }
  });

  it('respects formats, bounds, enums, patterns and required properties', () => {
    for (const r of records as any[]) {
      expect(r.orderId).toMatch(UUID);
      expect(new Date(r.placedAt).toISOString()).toBe(r.placedAt);
      expect(r.qty).toBeGreaterThanOrEqual(5);
      expect(r.qty).toBeLessThanOrEqual(9);
      expect(['NEW', 'PAID']).toContain(r.status);
      expect(r.sku).toMatch(/^[A-Z]{3}-\d{4}$/);
      expect(r.customer.email).toMatch(EMAIL);
      expect(r.customer.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Optional properties are there sometimes, nullable ones null sometimes.
    expect(records.some(r => 'website' in r)).toBe(true);
    expect(records.some(r => !('website' in r))).toBe(true);
    expect(records.some(r => r.note === null)).toBe(true);
  });

  it('draws draft-07 tuples and nested arrays', () => {
    const tuple = JSON.stringify({
      type: 'object',
      required: ['point', 'matrix'],
      properties: {
        point: {
          type: 'array',
          items: [{ type: 'number' }, { type: 'number' }],
          additionalItems: false,
        },
        matrix: {
          type: 'array',
          items: { type: 'array', items: { type: 'integer' } },
        },
      },
    });
    const { validate } = parseJsonSchema(tuple);
    for (const record of generateSyntheticRecords({
      format: 'json',
      schema: tuple,
      count: 10,
    })) {
      expect(validate(record)).toBe(true);
      expect((record.point as number[]).length).toBe(2);
    }
  });

  it('says so when no record can satisfy the schema', () => {
    expect(() =>
      generateSyntheticRecords({
        format: 'json',
        schema: JSON.stringify({
          type: 'object',
          required: ['a'],
          properties: { a: { type: 'string', minLength: 5, maxLength: 2 } },
        }),
        count: 1,
      }),
    ).toThrow(
      /^Could not generate a record that satisfies the schema \(\/a must NOT have/,
    );
  });
});

describe('generateSyntheticRecords for Protobuf', () => {
  const text = `syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
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
  google.protobuf.Timestamp shipped = 11;
  double total = 12;
}
enum Status { NEW = 0; PAID = 1; }
message Customer { string email = 1; string full_name = 2; }
message Line { string sku = 1; uint32 qty = 2; }`;
  const records = generateSyntheticRecords({
    format: 'protobuf',
    schema: text,
    count: 30,
  });

  it('generates messages protobufjs verifies, with camelCase names', () => {
    const { root } = protobuf.parse(text);
    root.addJSON(
      protobuf.common.get('google/protobuf/timestamp.proto')!.nested!,
    );
    const type = root.lookupType('shop.OrderPlaced');
    for (const record of records) expect(type.verify(record)).toBeNull();
    expect(Object.keys(records[0])).toContain('orderId');
  });

  it('sets one member of each oneof and personal fields realistically', () => {
    for (const r of records as any[]) {
      expect('cardNumber' in r && 'iban' in r).toBe(false);
      expect(r.customer.email).toMatch(EMAIL);
      expect(r.customer.fullName).toMatch(/\w+ \w+/);
      expect([0, 1]).toContain(r.status);
      expect(r.placedAt).toBeGreaterThan(Date.parse('2023-12-31'));
    }
    expect(records.some(r => 'note' in r)).toBe(true);
    expect(records.some(r => !('note' in r))).toBe(true);
  });
});

describe('generateSyntheticRecords arguments', () => {
  const schema = JSON.stringify({ type: 'object' });

  it.each([0, 1001, 2.5])('rejects a count of %s', count => {
    expect(() =>
      generateSyntheticRecords({ format: 'json', schema, count }),
    ).toThrow(`count must be an integer from 1 to 1000, not ${count}`);
  });

  it('rejects a schema whose records are not objects', () => {
    expect(() =>
      generateSyntheticRecords({
        format: 'avro',
        schema: '"string"',
        count: 1,
      }),
    ).toThrow(/^Synthetic records need a schema whose records are objects/);
  });

  it('reports a schema that does not parse', () => {
    expect(() =>
      generateSyntheticRecords({ format: 'avro', schema: '{', count: 1 }),
    ).toThrow('Invalid Avro schema at line 1, column 2');
  });
});
