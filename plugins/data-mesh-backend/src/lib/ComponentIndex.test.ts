import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ComponentIndex, indexConsumerGroups } from './ComponentIndex';

const component = (name: string, groups?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(groups && {
      annotations: { 'kafka.apache.org/consumer-groups': groups },
    }),
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
});

describe('indexConsumerGroups', () => {
  it('maps every <cluster>/<group> of the annotation to the component', () => {
    const index = indexConsumerGroups([
      component('billing', 'local/billing, prod/billing-v2'),
      component('plain'),
    ]);
    expect([...index]).toEqual([
      ['local/billing', 'component:default/billing'],
      ['prod/billing-v2', 'component:default/billing'],
    ]);
  });
});

describe('ComponentIndex', () => {
  it('looks groups up per cluster from the catalog', async () => {
    const catalog = catalogServiceMock({
      entities: [component('billing', 'local/billing,prod/other')],
    });
    const index = new ComponentIndex(catalog, mockServices.auth());
    const componentOf = await index.forCluster('local');
    expect(componentOf('billing')).toBe('component:default/billing');
    expect(componentOf('other')).toBeUndefined();
  });
});
