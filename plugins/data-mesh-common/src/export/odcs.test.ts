import { fullDataProduct, makeDataProduct } from '../__fixtures__/dataProducts';
import type { DataProductEntity } from '../entity/types';
import { toOdcs } from './odcs';

const schema = {
  format: 'avro' as const,
  text: JSON.stringify({
    type: 'record',
    name: 'OrderPlaced',
    doc: 'An order',
    fields: [
      { name: 'orderId', type: 'string' },
      {
        name: 'customer',
        type: {
          type: 'record',
          name: 'Customer',
          fields: [{ name: 'email', type: 'string' }],
        },
      },
    ],
  }),
};

const product: DataProductEntity = {
  ...fullDataProduct,
  spec: {
    ...fullDataProduct.spec,
    qualityRules: [
      {
        name: 'volume',
        metric: 'rowCount',
        arguments: { window: 'PT1M' },
        mustBeGreaterThan: 0,
      },
      {
        name: 'email-set',
        metric: 'nullValues',
        property: 'customer.email',
        mustBe: 0,
        severity: 'error',
      },
      { name: 'ghost', metric: 'nullValues', property: 'nope', mustBe: 0 },
      {
        name: 'fresh',
        metric: 'freshness',
        mustBeLessOrEqualTo: 300,
        unit: 'seconds',
      },
    ],
  },
};

describe('toOdcs', () => {
  const contract = toOdcs(product, {
    schema,
    cluster: { brokers: ['b1:9092', 'b2:9092'] },
  });

  it('writes the contract of the output port', () => {
    expect(contract).toMatchObject({
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      id: 'default/orders-placed',
      name: 'Orders placed',
      version: '1.0.0',
      status: 'deprecated',
      domain: 'commerce',
      description: {
        purpose: 'Every order placed in the web shop, in real time.',
      },
      team: { name: 'group:default/checkout-team' },
      roles: [
        {
          role: 'consumer',
          access: 'read',
          firstLevelApprovers: 'group:default/checkout-team',
        },
      ],
      servers: [
        {
          server: 'local',
          type: 'kafka',
          host: 'b1:9092,b2:9092',
          format: 'avro',
          customProperties: [
            { property: 'topic', value: 'commerce.orders-placed.v1' },
          ],
        },
      ],
    });
  });

  it('names the cluster as host when its brokers are not given, and never reads credentials', () => {
    const bare = toOdcs(makeDataProduct('orders'), {
      cluster: {
        brokers: ['b:9092'],
        sasl: { password: 'secret' },
      } as never,
    });
    expect(JSON.stringify(bare)).not.toContain('secret');
    expect(toOdcs(makeDataProduct('orders')).servers[0].host).toBe('local');
  });

  it('translates the schema, tags PII and places the quality checks', () => {
    expect(contract.schema).toEqual([
      {
        name: 'OrderPlaced',
        physicalName: 'commerce.orders-placed.v1',
        logicalType: 'object',
        physicalType: 'topic',
        description: 'An order',
        properties: [
          {
            name: 'orderId',
            logicalType: 'string',
            physicalType: 'string',
            required: true,
          },
          {
            name: 'customer',
            logicalType: 'object',
            physicalType: 'record',
            required: true,
            properties: [
              {
                name: 'email',
                logicalType: 'string',
                physicalType: 'string',
                required: true,
                tags: ['pii'],
                quality: [
                  {
                    id: 'email-set',
                    name: 'email-set',
                    type: 'library',
                    dimension: 'completeness',
                    metric: 'nullValues',
                    mustBe: 0,
                    severity: 'error',
                  },
                ],
              },
            ],
          },
        ],
        quality: [
          {
            id: 'volume',
            name: 'volume',
            type: 'library',
            dimension: 'completeness',
            metric: 'rowCount',
            arguments: { window: 'PT1M' },
            mustBeGreaterThan: 0,
          },
          {
            id: 'ghost',
            name: 'ghost',
            type: 'library',
            dimension: 'completeness',
            metric: 'nullValues',
            mustBe: 0,
            customProperties: [{ property: 'property', value: 'nope' }],
          },
        ],
        customProperties: [
          {
            property: 'schemaSubject',
            value: 'commerce.orders-placed.v1-value',
          },
          { property: 'schemaType', value: 'record' },
        ],
      },
    ]);
  });

  it('writes freshness as a latency SLA property and keeps the rule whole', () => {
    expect(contract.slaProperties.slice(-1)).toEqual([
      {
        id: 'fresh',
        property: 'latency',
        value: 300,
        unit: 's',
        element: 'OrderPlaced',
        driver: 'operational',
        description: 'quality rule fresh',
      },
    ]);
    expect(contract.customProperties).toContainEqual({
      property: 'freshnessRules',
      value: [product.spec.qualityRules![3]],
    });
  });
});
