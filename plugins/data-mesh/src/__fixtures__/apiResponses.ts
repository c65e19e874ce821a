import type {
  CandidateStreamsResponse,
  ProductConsumersResponse,
  ProductHealthResponse,
  ProductSamplesResponse,
  ProductsFreshnessResponse,
  SchemaDiffResponse,
  SchemaVersionResponse,
  SchemaVersionsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';

export const schemaVersions: SchemaVersionsResponse = {
  subject: 'commerce.orders-placed.v1-value',
  compatibility: 'BACKWARD',
  versions: [1, 2, 3],
};

const rawSchema = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
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
    { name: 'currency', type: 'string', default: 'EUR' },
  ],
});

export const schemaVersion3: SchemaVersionResponse = {
  subject: 'commerce.orders-placed.v1-value',
  version: 3,
  id: 42,
  format: 'avro',
  schema: rawSchema,
  fields: [
    {
      path: 'orderId',
      type: 'string',
      doc: 'Order number',
      nullable: false,
      pii: false,
    },
    {
      path: 'customer.email',
      type: 'string',
      doc: 'Contact address',
      nullable: false,
      pii: true,
    },
    {
      path: 'currency',
      type: 'string',
      default: '"EUR"',
      nullable: false,
      pii: false,
    },
  ],
};

export const schemaVersion1: SchemaVersionResponse = {
  ...schemaVersion3,
  version: 1,
  id: 40,
  fields: schemaVersion3.fields.filter(f => f.path !== 'currency'),
};

export const schemaDiff2to3: SchemaDiffResponse = {
  subject: 'commerce.orders-placed.v1-value',
  from: 2,
  to: 3,
  changes: [
    { path: 'currency', change: 'added', after: 'string' },
    { path: 'legacyId', change: 'removed', before: 'long' },
  ],
};

/** Records per second in the last 10 minutes, oldest first; ends at 12.5. */
export const throughputRates = [4, 6, 5, 0, 8, 10, 9.5, 11, 12, 12.5];

export function makeHealth(
  observedAt: string = new Date().toISOString(),
): ProductHealthResponse {
  const end = Date.parse(observedAt);
  return {
    topic: 'commerce.orders-placed.v1',
    partitions: [
      {
        partition: 0,
        startOffset: '0',
        endOffset: '1200',
        newestRecordAt: '2026-01-01T12:00:00.000Z',
      },
      { partition: 1, startOffset: '100', endOffset: '100' },
    ],
    newestRecordAt: '2026-01-01T12:00:00.000Z',
    freshness: { status: 'at-risk', slaMs: 300000, ageMs: 240000 },
    throughputPerSecond: 12.5,
    throughputHistory: throughputRates.map((perSecond, i) => ({
      at: new Date(
        end - (throughputRates.length - 1 - i) * 60_000,
      ).toISOString(),
      perSecond,
    })),
    sizeBytes: 1048576,
    observedAt,
  };
}

export const consumers: ProductConsumersResponse = {
  topic: 'commerce.orders-placed.v1',
  observedAt: '2026-01-01T12:00:00.000Z',
  groups: [
    {
      groupId: 'shipping-consumer',
      state: 'Stable',
      totalLag: 17,
      partitions: [
        { partition: 0, committedOffset: '1183', endOffset: '1200', lag: 17 },
      ],
      component: 'component:default/shipping-service',
    },
    {
      groupId: 'adhoc-notebook',
      state: 'Empty',
      totalLag: 900,
      partitions: [
        { partition: 0, committedOffset: '300', endOffset: '1200', lag: 900 },
      ],
    },
  ],
};

export const samples: ProductSamplesResponse = {
  piiVisible: false,
  records: [
    {
      partition: 0,
      offset: '1199',
      timestamp: '2026-01-01T12:00:00.000Z',
      key: 'order-1199',
      value: { orderId: 'order-1199', customer: { email: '***' } },
      masked: ['customer.email'],
    },
  ],
};

export const candidateStreams: CandidateStreamsResponse = {
  items: [
    {
      cluster: 'local',
      topic: 'commerce.carts-abandoned.v1',
      subject: 'commerce.carts-abandoned.v1-value',
      format: 'avro',
    },
    {
      cluster: 'analytics',
      topic: 'marketing.clicks.v1',
      subject: 'marketing.clicks.v1-value',
      format: 'json',
    },
  ],
};

/** Live freshness of the products in `dataProducts.ts`. */
export const productsFreshness: ProductsFreshnessResponse = {
  items: {
    'dataproduct:default/orders-placed': {
      status: 'ok',
      newestRecordAt: '2026-01-01T11:59:48.000Z',
      ageMs: 12_000,
      slaFreshness: 'PT5M',
    },
    'dataproduct:default/payments-settled': {
      status: 'breached',
      newestRecordAt: '2026-01-01T09:00:00.000Z',
      ageMs: 3 * 3_600_000,
      slaFreshness: 'PT15M',
    },
    'dataproduct:default/customer-profiles': {
      status: 'unknown',
      slaFreshness: 'PT1H',
    },
  },
};
