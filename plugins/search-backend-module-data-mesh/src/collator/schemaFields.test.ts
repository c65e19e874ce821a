import { MAX_DOC_LENGTH, MAX_FIELDS, schemaFieldsOf } from './schemaFields';

describe('schemaFieldsOf', () => {
  it('lists Avro fields as dotted paths with their docs, through records, arrays and nullable unions', () => {
    const address = {
      type: 'record',
      name: 'Address',
      fields: [
        { name: 'postcode', type: 'string', doc: 'Postal code' },
        { name: 'city', type: 'string' },
      ],
    };
    const schema = {
      type: 'record',
      name: 'OrderPlaced',
      namespace: 'shop',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order' },
        {
          name: 'customerEmail',
          type: ['null', 'string'],
          doc: 'Where the receipt goes',
        },
        { name: 'shipTo', type: ['null', address] },
        {
          name: 'lines',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Line',
              fields: [{ name: 'sku', type: 'string' }],
            },
          },
        },
        // A named type used again: its fields go below this field too.
        { name: 'billTo', type: 'shop.Address' },
        { name: 'tags', type: { type: 'map', values: 'string' } },
      ],
    };
    expect(schemaFieldsOf('avro', JSON.stringify(schema))).toEqual([
      { path: 'orderId', doc: 'The order' },
      { path: 'customerEmail', doc: 'Where the receipt goes' },
      { path: 'shipTo' },
      { path: 'shipTo.postcode', doc: 'Postal code' },
      { path: 'shipTo.city' },
      { path: 'lines' },
      { path: 'lines.sku' },
      { path: 'billTo' },
      { path: 'billTo.postcode', doc: 'Postal code' },
      { path: 'billTo.city' },
      { path: 'tags' },
    ]);
  });

  it('does not descend into a recursive Avro record again', () => {
    const schema = {
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'next', type: ['null', 'Node'] },
      ],
    };
    expect(
      schemaFieldsOf('avro', JSON.stringify(schema)).map(f => f.path),
    ).toEqual(['label', 'next']);
  });

  it('lists JSON Schema properties with descriptions, through objects, arrays and $refs', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        customerEmail: {
          type: 'string',
          format: 'email',
          description: 'Receipt address',
        },
        shipTo: { $ref: '#/definitions/address' },
        items: {
          type: 'array',
          items: { type: 'object', properties: { sku: { type: 'string' } } },
        },
      },
      definitions: {
        address: {
          type: 'object',
          properties: {
            postcode: { type: 'string', description: 'Postal code' },
          },
        },
      },
    };
    expect(schemaFieldsOf('json', JSON.stringify(schema))).toEqual([
      { path: 'customerEmail', doc: 'Receipt address' },
      { path: 'shipTo' },
      { path: 'shipTo.postcode', doc: 'Postal code' },
      { path: 'items' },
      { path: 'items.sku' },
    ]);
  });

  it('lists Protobuf fields of the first message with their comments, nested messages below', () => {
    const proto = `syntax = "proto3";
package shop;

message OrderPlaced {
  // The order
  string order_id = 1;
  // Where the receipt goes
  string customer_email = 2;
  Address ship_to = 3;
  repeated Line lines = 4;
}

message Address {
  string postcode = 1;
}

message Line {
  string sku = 1;
}
`;
    expect(schemaFieldsOf('protobuf', proto)).toEqual([
      { path: 'order_id', doc: 'The order' },
      { path: 'customer_email', doc: 'Where the receipt goes' },
      { path: 'ship_to' },
      { path: 'ship_to.postcode' },
      { path: 'lines' },
      { path: 'lines.sku' },
    ]);
  });

  it(`keeps at most ${MAX_FIELDS} fields and cuts long docs`, () => {
    const schema = {
      type: 'record',
      name: 'Wide',
      fields: Array.from({ length: MAX_FIELDS + 50 }, (_, i) => ({
        name: `f${i}`,
        type: 'string',
        doc: 'x'.repeat(MAX_DOC_LENGTH * 2),
      })),
    };
    const fields = schemaFieldsOf('avro', JSON.stringify(schema));
    expect(fields).toHaveLength(MAX_FIELDS);
    expect(fields[0].doc).toHaveLength(MAX_DOC_LENGTH);
    expect(fields[0].doc!.endsWith('…')).toBe(true);
  });

  it('throws for a schema text that does not parse', () => {
    expect(() => schemaFieldsOf('avro', '{"type": "record",')).toThrow();
    expect(() => schemaFieldsOf('protobuf', 'message {')).toThrow();
  });
});
