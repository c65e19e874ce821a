import { DATA_MESH_API_VERSION } from '../constants';
import type { DataProductEntity } from '../entity/types';

/**
 * A valid descriptor for tests; `spec` fields can be overridden.
 *
 * @public
 */
export function makeDataProduct(
  name: string,
  topic: string,
  spec: Partial<DataProductEntity['spec']> = {},
): DataProductEntity {
  return {
    apiVersion: DATA_MESH_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name,
      title: `Test product ${name}`,
      description: 'A product published by an integration test.',
      tags: ['test'],
    },
    spec: {
      owner: 'group:default/checkout-team',
      domain: 'commerce',
      lifecycle: 'production',
      output: { cluster: 'local', topic, format: 'avro' },
      sla: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT5M',
        supportHours: 'business-hours',
        onCall: 'https://oncall.example.com/checkout',
      },
      ...spec,
    },
  };
}
