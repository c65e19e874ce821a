import type { DataProductEntity } from '../entity/types';

/**
 * A descriptor using every field, as in the architecture sketch.
 *
 * @public
 */
export const fullDataProduct: DataProductEntity = {
  apiVersion: 'kafka-mesh.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'orders-placed',
    namespace: 'default',
    title: 'Orders placed',
    description: 'Every order placed in the web shop, in real time.',
    tags: ['orders', 'pii'],
    annotations: {
      'kafka-mesh.io/kafka-cluster': 'local',
      'kafka-mesh.io/kafka-topic': 'commerce.orders-placed.v1',
    },
  },
  spec: {
    owner: 'group:default/checkout-team',
    domain: 'commerce',
    system: 'web-shop',
    lifecycle: 'production',
    status: 'deprecated',
    output: {
      cluster: 'local',
      topic: 'commerce.orders-placed.v1',
      format: 'avro',
      schemaSubject: 'commerce.orders-placed.v1-value',
    },
    inputs: ['dataproduct:default/payments-settled'],
    sla: {
      tier: 'tier-1',
      availability: 99.9,
      freshness: 'PT5M',
      retention: 'P7D',
      supportHours: '24x7',
      responseTime: 'PT1H',
      onCall: 'https://oncall.example.com/checkout',
    },
    quality: 'curated',
    classification: 'confidential',
    piiFields: ['customer.email'],
    deprecation: {
      sunset: '2027-06-30',
      replacement: 'dataproduct:default/orders-placed-v2',
      reason: 'Moves to the v2 schema with split addresses.',
    },
  },
};
