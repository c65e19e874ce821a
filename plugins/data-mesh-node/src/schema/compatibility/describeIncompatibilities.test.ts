import { describeIncompatibilities } from './describeIncompatibilities';

const avro = (fields: unknown[], name = 'Order') =>
  JSON.stringify({ type: 'record', name, namespace: 'shop', fields });
const json = (schema: object) => JSON.stringify({ type: 'object', ...schema });

describe('describeIncompatibilities for Avro', () => {
  const v1 = avro([
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'long' },
    { name: 'qty', type: 'long' },
    {
      name: 'currency',
      type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] },
    },
  ]);

  it('finds nothing for a compatible evolution, or under NONE', () => {
    const v2 = avro([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' }, // long promotes to double
      { name: 'qty', type: 'long' },
      {
        name: 'currency',
        type: {
          type: 'enum',
          name: 'Currency',
          symbols: ['EUR', 'USD', 'GBP'],
        },
      },
      { name: 'note', type: ['null', 'string'], default: null },
    ]);
    expect(describeIncompatibilities('avro', v1, v2, 'BACKWARD')).toEqual([]);
    expect(describeIncompatibilities('avro', v1, avro([]), 'NONE')).toEqual([]);
  });

  const breaking = avro([
    { name: 'id', type: 'string' },
    { name: 'qty', type: 'string' },
    {
      name: 'currency',
      type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'GBP'] },
    },
    { name: 'channel', type: 'string' },
  ]);

  it('explains a BACKWARD break from the new reader’s side', () => {
    expect(describeIncompatibilities('avro', v1, breaking, 'BACKWARD')).toEqual(
      [
        'type of field `qty` changed from long to string, so consumers using the new schema cannot read old records',
        'symbol `USD` was removed from enum `currency`, so consumers using the new schema cannot read old records',
        'field `channel` was added without a default, so consumers using the new schema cannot read old records',
      ],
    );
  });

  it('explains a FORWARD break from the old reader’s side', () => {
    expect(
      describeIncompatibilities('avro', v1, breaking, 'FORWARD_TRANSITIVE'),
    ).toEqual([
      'field `amount` was removed and has no default, so consumers still using the old schema cannot read new records',
      'type of field `qty` changed from long to string, so consumers still using the old schema cannot read new records',
      'symbol `GBP` was added to enum `currency`, so consumers still using the old schema cannot read new records',
    ]);
  });

  it('says a change that breaks both directions once under FULL', () => {
    const sentences = describeIncompatibilities('avro', v1, breaking, 'FULL');
    expect(sentences).toContain(
      'type of field `qty` changed from long to string, so consumers of either version cannot read records written with the other',
    );
    expect(sentences.filter(s => s.includes('`qty`'))).toHaveLength(1);
    expect(sentences).toHaveLength(5);
  });

  it('follows nested records, arrays, unions and renamed types', () => {
    const line = (qtyType: string) => ({
      type: 'record',
      name: 'Line',
      fields: [{ name: 'qty', type: qtyType }],
    });
    const before = avro([
      { name: 'lines', type: { type: 'array', items: line('int') } },
      { name: 'note', type: ['null', 'string'], default: null },
    ]);
    const after = avro(
      [
        { name: 'lines', type: { type: 'array', items: line('string') } },
        { name: 'note', type: 'string' },
      ],
      'OrderPlaced',
    );
    expect(
      describeIncompatibilities('avro', before, after, 'BACKWARD'),
    ).toEqual([
      'record `Order` was renamed to `OrderPlaced`, so consumers using the new schema cannot read old records',
    ]);
    const renamedBack = after.replace('OrderPlaced', 'Order');
    expect(
      describeIncompatibilities('avro', before, renamedBack, 'BACKWARD'),
    ).toEqual([
      'type of field `lines[].qty` changed from int to string, so consumers using the new schema cannot read old records',
      'type of field `note` changed from null | string to string, so consumers using the new schema cannot read old records',
    ]);
  });

  it('reads aliases as the same field', () => {
    const after = avro([
      { name: 'orderId', aliases: ['id'], type: 'string' },
      { name: 'amount', type: 'long' },
      { name: 'qty', type: 'long' },
      {
        name: 'currency',
        type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] },
      },
    ]);
    expect(describeIncompatibilities('avro', v1, after, 'BACKWARD')).toEqual(
      [],
    );
  });
});

describe('describeIncompatibilities for JSON Schema', () => {
  const v1 = json({
    properties: {
      id: { type: 'string' },
      qty: { type: 'integer', minimum: 0 },
      status: { enum: ['NEW', 'PAID'] },
      customer: {
        type: 'object',
        properties: { email: { type: 'string' } },
      },
    },
    required: ['id'],
  });

  it('finds nothing when the new schema accepts everything the old one did', () => {
    const v2 = json({
      properties: {
        id: { type: 'string' },
        qty: { type: 'number' },
        status: { enum: ['NEW', 'PAID', 'SHIPPED'] },
        customer: {
          type: 'object',
          properties: { email: { type: 'string' } },
        },
      },
      required: ['id'],
    });
    expect(describeIncompatibilities('json', v1, v2, 'BACKWARD')).toEqual([]);
  });

  it('explains a property added to an open content model', () => {
    const v2 = JSON.stringify({
      ...JSON.parse(v1),
      properties: { ...JSON.parse(v1).properties, note: { type: 'string' } },
    });
    expect(describeIncompatibilities('json', v1, v2, 'BACKWARD')).toEqual([
      'property `note` was added while the old schema allows any additional properties, so consumers using the new schema cannot read old records',
    ]);
    const closed = (schema: string) =>
      JSON.stringify({ ...JSON.parse(schema), additionalProperties: false });
    expect(
      describeIncompatibilities('json', closed(v1), closed(v2), 'BACKWARD'),
    ).toEqual([]);
  });

  it('explains narrowed types, removed values, new required properties and tighter bounds', () => {
    const v2 = json({
      properties: {
        id: { type: 'string' },
        qty: { type: 'integer', minimum: 1 },
        status: { enum: ['NEW'] },
        customer: {
          type: 'object',
          properties: { email: { type: 'string', format: 'email' } },
        },
        currency: { type: 'string' },
      },
      required: ['id', 'currency'],
    });
    expect(describeIncompatibilities('json', v1, v2, 'BACKWARD')).toEqual([
      'property `currency` was added as required, so consumers using the new schema cannot read old records',
      'minimum of property `qty` changed from 0 to 1, so consumers using the new schema cannot read old records',
      'value "PAID" was removed from property `status`, so consumers using the new schema cannot read old records',
      'format of property `customer.email` changed from none to "email", so consumers using the new schema cannot read old records',
    ]);
  });

  it('explains a FORWARD break: widened types and removed required properties', () => {
    const v2 = json({
      properties: {
        qty: { type: ['integer', 'string'] },
      },
    });
    expect(describeIncompatibilities('json', v1, v2, 'FORWARD')).toEqual([
      'required property `id` was removed, so consumers still using the old schema cannot read new records',
      'type of property `qty` changed from integer to integer | string, so consumers still using the old schema cannot read new records',
      'property `status` was removed while the new schema allows any additional properties, so consumers still using the old schema cannot read new records',
      'property `customer` was removed while the new schema allows any additional properties, so consumers still using the old schema cannot read new records',
    ]);
  });

  it('follows $refs and closed content models', () => {
    const v2 = JSON.stringify({
      type: 'object',
      additionalProperties: false,
      properties: { id: { $ref: '#/$defs/Id' } },
      $defs: { Id: { type: 'integer' } },
    });
    expect(describeIncompatibilities('json', v1, v2, 'BACKWARD')).toEqual([
      'type of property `id` changed from string to integer, so consumers using the new schema cannot read old records',
      'property `qty` was removed while additional properties are not allowed, so consumers using the new schema cannot read old records',
      'property `status` was removed while additional properties are not allowed, so consumers using the new schema cannot read old records',
      'property `customer` was removed while additional properties are not allowed, so consumers using the new schema cannot read old records',
      'additional properties are no longer allowed, so consumers using the new schema cannot read old records',
    ]);
  });
});

describe('describeIncompatibilities for Protobuf', () => {
  const v1 = `syntax = "proto3";
message Order {
  string id = 1;
  int64 amount = 2;
  int64 qty = 3;
  Customer customer = 4;
}
message Customer { string email = 1; }`;

  it('accepts added fields and removed fields whose name and number are reserved', () => {
    const v2 = `syntax = "proto3";
message Order {
  reserved 2;
  reserved "amount";
  string id = 1;
  int64 qty = 3;
  Customer customer = 4;
  string currency = 5;
}
message Customer { string email = 1; string name = 2; }`;
    expect(describeIncompatibilities('protobuf', v1, v2, 'BACKWARD')).toEqual(
      [],
    );
  });

  it('explains removed, renumbered and retyped fields, also nested', () => {
    const v2 = `syntax = "proto3";
message Order {
  string id = 1;
  string qty = 3;
  Customer customer = 4;
  int64 amount = 6;
}
message Customer { bytes email = 1; }`;
    expect(describeIncompatibilities('protobuf', v1, v2, 'FULL')).toEqual([
      'field `amount` was renumbered from 2 to 6, so old and new records do not share its values',
      'type of field `qty` (number 3) changed from int64 to string, so its values cannot be decoded across the change',
      'type of field `Customer.email` (number 1) changed from string to bytes, so its values cannot be decoded across the change',
    ]);
    expect(
      describeIncompatibilities(
        'protobuf',
        v1,
        v1.replace('  int64 qty = 3;\n', ''),
        'BACKWARD',
      ),
    ).toEqual([
      'field `qty` (number 3) was removed without reserving its name and number, so a later field could reuse them and misread old records',
    ]);
  });

  it('under FORWARD, reads an added field as one the old schema lacks', () => {
    const v2 = v1.replace(
      '  int64 qty = 3;',
      '  int64 qty = 3;\n  string note = 5;',
    );
    expect(describeIncompatibilities('protobuf', v1, v2, 'BACKWARD')).toEqual(
      [],
    );
    expect(describeIncompatibilities('protobuf', v1, v2, 'FORWARD')).toEqual([
      'field `note` (number 5) was added, so consumers still using the old schema do not know it',
    ]);
  });

  it('explains renamed fields, labels, released reservations and enum values', () => {
    const before = `syntax = "proto3";
message Order {
  reserved 9;
  string id = 1;
  int64 qty = 2;
  Status status = 3;
}
enum Status { NEW = 0; PAID = 1; }`;
    const after = `syntax = "proto3";
message Order {
  string id = 1;
  optional int64 quantity = 2;
  Status status = 3;
}
enum Status { NEW = 0; PAID = 2; }`;
    expect(
      describeIncompatibilities('protobuf', before, after, 'BACKWARD'),
    ).toEqual([
      'field `qty` (number 2) was renamed to `quantity`, so records in the JSON encoding no longer match',
      'reserved number 9 of message `Order` was released, so a new field could reuse it and misread old records',
      'value `PAID` of enum `Status` was renumbered from 1 to 2, so old and new records mean different values by the same number',
    ]);
    const relabelled = before.replace('int64 qty', 'optional int64 qty');
    expect(
      describeIncompatibilities('protobuf', before, relabelled, 'BACKWARD'),
    ).toEqual([
      'type of field `qty` (number 2) changed from int64 to optional int64, so its values cannot be decoded across the change',
    ]);
  });
});
