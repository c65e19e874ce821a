import { translateRegistrySchema } from './odcsSchema';

describe('translateRegistrySchema', () => {
  it('translates Avro: logical types, nullable unions, nested records, arrays, enums, maps', () => {
    const text = JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: 'shop',
      fields: [
        { name: 'id', type: 'string', doc: 'The id' },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'note', type: ['null', 'string'], default: null },
        {
          name: 'currency',
          type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] },
        },
        {
          name: 'lines',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Line',
              fields: [{ name: 'qty', type: 'int' }],
            },
          },
        },
        { name: 'attrs', type: { type: 'map', values: 'string' } },
        { name: 'again', type: ['null', 'Currency'] },
      ],
    });
    expect(translateRegistrySchema({ format: 'avro', text })).toEqual({
      name: 'Order',
      physicalType: 'record',
      properties: [
        {
          name: 'id',
          logicalType: 'string',
          physicalType: 'string',
          description: 'The id',
          required: true,
        },
        {
          name: 'at',
          logicalType: 'timestamp',
          physicalType: 'long (timestamp-millis)',
          required: true,
        },
        {
          name: 'note',
          logicalType: 'string',
          physicalType: 'string',
          required: false,
          customProperties: [{ property: 'default', value: null }],
        },
        {
          name: 'currency',
          logicalType: 'string',
          physicalType: 'enum',
          required: true,
          customProperties: [{ property: 'enumValues', value: ['EUR', 'USD'] }],
        },
        {
          name: 'lines',
          logicalType: 'array',
          physicalType: 'array',
          required: true,
          items: {
            logicalType: 'object',
            physicalType: 'record',
            properties: [
              {
                name: 'qty',
                logicalType: 'integer',
                logicalTypeOptions: { format: 'i32' },
                physicalType: 'int',
                required: true,
              },
            ],
          },
        },
        {
          name: 'attrs',
          logicalType: 'object',
          physicalType: 'map<string>',
          required: true,
        },
        {
          name: 'again',
          logicalType: 'string',
          physicalType: 'enum',
          required: false,
          customProperties: [{ property: 'enumValues', value: ['EUR', 'USD'] }],
        },
      ],
    });
  });

  it('translates JSON Schema: required, nullable types, formats, refs', () => {
    const text = JSON.stringify({
      title: 'Order',
      type: 'object',
      required: ['id', 'at', 'note'],
      properties: {
        id: { type: 'string', minLength: 1 },
        at: { type: 'string', format: 'date-time' },
        note: { type: ['string', 'null'] },
        total: { type: 'integer', minimum: 0 },
        address: { $ref: '#/definitions/Address' },
      },
      definitions: {
        Address: {
          type: 'object',
          required: ['city'],
          properties: { city: { type: 'string' } },
        },
      },
    });
    expect(translateRegistrySchema({ format: 'json', text })).toEqual({
      name: 'Order',
      physicalType: 'object',
      properties: [
        {
          name: 'id',
          logicalType: 'string',
          logicalTypeOptions: { minLength: 1 },
          physicalType: 'string',
          required: true,
        },
        {
          name: 'at',
          logicalType: 'timestamp',
          logicalTypeOptions: { format: 'date-time' },
          physicalType: 'string',
          required: true,
        },
        {
          name: 'note',
          logicalType: 'string',
          physicalType: 'string',
          required: false,
        },
        {
          name: 'total',
          logicalType: 'integer',
          logicalTypeOptions: { minimum: 0 },
          physicalType: 'integer',
          required: false,
        },
        {
          name: 'address',
          logicalType: 'object',
          physicalType: 'object',
          required: false,
          properties: [
            {
              name: 'city',
              logicalType: 'string',
              physicalType: 'string',
              required: true,
            },
          ],
        },
      ],
    });
  });

  it('translates a parsed Protobuf message', () => {
    expect(
      translateRegistrySchema({
        format: 'protobuf',
        message: {
          name: 'shop.Order',
          comment: 'An order',
          fields: [
            { name: 'id', type: 'string', comment: 'The id' },
            { name: 'qty', type: 'int64', repeated: true },
            { name: 'state', type: 'shop.State', enumValues: ['NEW'] },
            { name: 'at', type: 'google.protobuf.Timestamp', optional: true },
            {
              name: 'line',
              type: 'shop.Line',
              message: {
                name: 'shop.Line',
                fields: [{ name: 'sku', type: 'string' }],
              },
            },
          ],
        },
      }),
    ).toEqual({
      name: 'Order',
      description: 'An order',
      physicalType: 'message',
      properties: [
        {
          name: 'id',
          logicalType: 'string',
          physicalType: 'string',
          description: 'The id',
        },
        {
          name: 'qty',
          logicalType: 'array',
          physicalType: 'repeated int64',
          items: {
            logicalType: 'integer',
            logicalTypeOptions: { format: 'i64' },
            physicalType: 'int64',
          },
        },
        {
          name: 'state',
          logicalType: 'string',
          physicalType: 'enum shop.State',
          customProperties: [{ property: 'enumValues', value: ['NEW'] }],
        },
        {
          name: 'at',
          logicalType: 'timestamp',
          physicalType: 'google.protobuf.Timestamp',
          required: false,
        },
        {
          name: 'line',
          logicalType: 'object',
          physicalType: 'message shop.Line',
          properties: [
            { name: 'sku', logicalType: 'string', physicalType: 'string' },
          ],
        },
      ],
    });
  });
});
