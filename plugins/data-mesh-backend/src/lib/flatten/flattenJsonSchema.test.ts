import { flattenJsonSchema } from './flattenJsonSchema';

describe('flattenJsonSchema', () => {
  it('flattens properties, nested objects, arrays, refs; required is not nullable', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'OrderPlaced',
      type: 'object',
      required: ['orderId', 'customer', 'placedAt'],
      properties: {
        orderId: { type: 'string', description: 'The order id' },
        placedAt: { type: 'string', format: 'date-time' },
        amount: { type: 'number', default: 0 },
        status: { enum: ['NEW', 'PAID'] },
        note: { type: ['string', 'null'] },
        customer: {
          type: 'object',
          required: ['email'],
          properties: {
            email: { type: 'string', 'confluent:tags': ['PII'] },
            address: { $ref: '#/definitions/Address' },
          },
        },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: { sku: { type: 'string' } },
          },
        },
        tags: { type: 'array', items: { type: 'string' } },
        coupon: { oneOf: [{ type: 'null' }, { type: 'string' }] },
      },
      definitions: {
        Address: {
          type: 'object',
          properties: { street: { type: 'string' } },
        },
      },
    };
    expect(flattenJsonSchema(JSON.stringify(schema))).toEqual([
      { path: 'orderId', type: 'string', nullable: false, doc: 'The order id' },
      { path: 'placedAt', type: 'string (date-time)', nullable: false },
      { path: 'amount', type: 'number', nullable: true, default: '0' },
      { path: 'status', type: 'enum(NEW|PAID)', nullable: true },
      { path: 'note', type: 'string', nullable: true },
      { path: 'customer', type: 'object', nullable: false },
      {
        path: 'customer.email',
        type: 'string',
        nullable: false,
        taggedPii: true,
      },
      { path: 'customer.address', type: 'object', nullable: true },
      { path: 'customer.address.street', type: 'string', nullable: true },
      { path: 'lines', type: 'array<object>', nullable: true },
      { path: 'lines.sku', type: 'string', nullable: true },
      { path: 'tags', type: 'array<string>', nullable: true },
      { path: 'coupon', type: 'string', nullable: true },
    ]);
  });

  it('marks a required property nullable when its type allows null', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      properties: { a: { type: ['integer', 'null'] } },
    };
    expect(flattenJsonSchema(JSON.stringify(schema))).toEqual([
      { path: 'a', type: 'integer', nullable: true },
    ]);
  });

  it('stops at recursive definitions', () => {
    const schema = {
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          properties: { next: { $ref: '#/$defs/Node' } },
        },
      },
    };
    expect(flattenJsonSchema(JSON.stringify(schema))).toEqual([
      { path: 'next', type: 'object', nullable: true },
    ]);
  });
});
