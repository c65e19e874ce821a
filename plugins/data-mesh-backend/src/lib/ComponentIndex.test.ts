import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ComponentIndex,
  indexConsumerGroups,
  indexProcessorGroups,
} from './ComponentIndex';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';

const derived = makeDataProduct('report', 'report.v1', {
  processor: { consumerGroups: ['report-app', 'billing'] },
});

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

describe('indexProcessorGroups', () => {
  it("maps every processor group on the product's output cluster to the product", () => {
    expect([
      ...indexProcessorGroups([
        derived,
        makeDataProduct('plain', 'plain.v1'),
      ]),
    ]).toEqual([
      ['local/report-app', 'dataproduct:default/report'],
      ['local/billing', 'dataproduct:default/report'],
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
    expect(componentOf('billing')).toEqual({
      component: 'component:default/billing',
    });
    expect(componentOf('other')).toBeUndefined();
  });

  it('names the data product whose processor a group is', async () => {
    const catalog = catalogServiceMock({
      entities: [component('billing', 'local/billing'), derived],
    });
    const index = new ComponentIndex(catalog, mockServices.auth());
    const ownerOf = await index.forCluster('local');
    expect(ownerOf('report-app')).toEqual({
      product: 'dataproduct:default/report',
    });
    expect(ownerOf('billing')).toEqual({
      component: 'component:default/billing',
      product: 'dataproduct:default/report',
    });
    expect((await index.forCluster('eu'))('report-app')).toBeUndefined();
  });
});
