import { flattenAvro } from './flattenAvro';

const schema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'commerce.orders',
  fields: [
    { name: 'orderId', type: 'string', doc: 'The order id' },
    { name: 'amountCents', type: 'long' },
    {
      name: 'placedAt',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'currency',
      type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] },
      default: 'EUR',
    },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string', pii: true },
          {
            name: 'address',
            type: [
              'null',
              {
                type: 'record',
                name: 'Address',
                fields: [{ name: 'street', type: 'string' }],
              },
            ],
          },
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
            {
              name: 'price',
              type: {
                type: 'bytes',
                logicalType: 'decimal',
                precision: 10,
                scale: 2,
              },
            },
          ],
        },
      },
    },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: 'string' } },
    { name: 'billingCurrency', type: 'Currency' },
    { name: 'shipTo', type: ['null', 'commerce.orders.Address'] },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 16 } },
    { name: 'either', type: ['null', 'string', 'long'] },
  ],
};

describe('flattenAvro', () => {
  it('flattens records, unions, logical types, enums, arrays and references', () => {
    expect(flattenAvro(JSON.stringify(schema))).toEqual([
      { path: 'orderId', type: 'string', nullable: false, doc: 'The order id' },
      { path: 'amountCents', type: 'long', nullable: false },
      { path: 'placedAt', type: 'long (timestamp-millis)', nullable: false },
      {
        path: 'currency',
        type: 'enum(EUR|USD)',
        nullable: false,
        default: '"EUR"',
      },
      { path: 'note', type: 'string', nullable: true, default: 'null' },
      { path: 'customer', type: 'record', nullable: false },
      {
        path: 'customer.email',
        type: 'string',
        nullable: false,
        taggedPii: true,
      },
      { path: 'customer.address', type: 'record', nullable: true },
      { path: 'customer.address.street', type: 'string', nullable: false },
      { path: 'lines', type: 'array<record>', nullable: false },
      { path: 'lines.sku', type: 'string', nullable: false },
      { path: 'lines.price', type: 'bytes (decimal(10,2))', nullable: false },
      { path: 'tags', type: 'array<string>', nullable: false },
      { path: 'attributes', type: 'map<string>', nullable: false },
      { path: 'billingCurrency', type: 'enum(EUR|USD)', nullable: false },
      { path: 'shipTo', type: 'record', nullable: true },
      { path: 'shipTo.street', type: 'string', nullable: false },
      { path: 'hash', type: 'fixed(16)', nullable: false },
      { path: 'either', type: 'union<string|long>', nullable: true },
    ]);
  });

  it('lists a recursive record once instead of looping', () => {
    const node = {
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'value', type: 'int' },
        { name: 'next', type: ['null', 'Node'], default: null },
      ],
    };
    expect(flattenAvro(JSON.stringify(node))).toEqual([
      { path: 'value', type: 'int', nullable: false },
      { path: 'next', type: 'record', nullable: true, default: 'null' },
    ]);
  });

  it('has no fields for a schema that is not a record', () => {
    expect(flattenAvro('"string"')).toEqual([]);
  });

  it('treats a nullable logical type as nullable with the logical type shown', () => {
    const s = {
      type: 'record',
      name: 'R',
      fields: [
        {
          name: 'at',
          type: ['null', { type: 'long', logicalType: 'timestamp-micros' }],
        },
      ],
    };
    expect(flattenAvro(JSON.stringify(s))).toEqual([
      { path: 'at', type: 'long (timestamp-micros)', nullable: true },
    ]);
  });
});
