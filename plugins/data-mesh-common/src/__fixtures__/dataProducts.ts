import type { DataProductEntity, DataProductSpec, Sla } from '../entity/types';
import { fullDataProduct } from '../testUtils/fullDataProduct';

export { fullDataProduct };

/**
 * A valid product in the default namespace with a tier-1 SLA; `spec` and
 * `spec.sla` fields override the defaults.
 *
 * @public
 */
export function makeDataProduct(
  name: string,
  {
    sla,
    ...spec
  }: Partial<Omit<DataProductSpec, 'sla'>> & {
    sla?: Partial<Sla>;
  } = {},
): DataProductEntity {
  return {
    apiVersion: 'kafka-mesh.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name },
    spec: {
      owner: 'group:default/team',
      domain: 'commerce',
      lifecycle: 'production',
      output: { cluster: 'local', topic: name, format: 'json' },
      ...spec,
      sla: {
        tier: 'tier-1',
        availability: 99.9,
        freshness: 'PT1M',
        supportHours: '24x7',
        onCall: 'https://oncall.example.com',
        ...sla,
      },
    },
  };
}
