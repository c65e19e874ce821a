import {
  compareProcessorLineage,
  describeLineageDrift,
} from './processorLineage';

const published: Record<string, string> = {
  'orders.v1': 'dataproduct:default/orders',
  'customers.v1': 'dataproduct:default/customers',
  'refunds.v1': 'dataproduct:default/refunds',
};
const productsOnTopic = (topic: string) =>
  published[topic] ? [published[topic]] : [];

const inputs = [
  {
    input: 'dataproduct:default/orders',
    output: { cluster: 'local', topic: 'orders.v1' },
  },
  {
    input: 'dataproduct:default/customers',
    output: { cluster: 'local', topic: 'customers.v1' },
  },
];

describe('compareProcessorLineage', () => {
  it('finds no drift when the groups read exactly the declared inputs', () => {
    expect(
      compareProcessorLineage({
        cluster: 'local',
        groups: [
          { group: 'app', topics: ['orders.v1'] },
          { group: 'app-2', topics: ['customers.v1'] },
        ],
        inputs,
        productsOnTopic,
      }),
    ).toEqual({
      cluster: 'local',
      activeGroups: ['app', 'app-2'],
      declaredNotRead: [],
      readNotDeclared: [],
    });
  });

  it('flags drift both ways', () => {
    const lineage = compareProcessorLineage({
      cluster: 'local',
      groups: [
        { group: 'app', topics: ['orders.v1', 'refunds.v1', 'scratch'] },
        { group: 'idle', topics: [] },
      ],
      inputs,
      productsOnTopic,
    });
    expect(lineage).toEqual({
      cluster: 'local',
      activeGroups: ['app'],
      declaredNotRead: [
        { input: 'dataproduct:default/customers', topic: 'customers.v1' },
      ],
      readNotDeclared: [
        { topic: 'refunds.v1', product: 'dataproduct:default/refunds' },
        { topic: 'scratch' },
      ],
    });
    expect(describeLineageDrift(lineage)).toEqual([
      "spec.inputs: dataproduct:default/customers is declared but the processor's consumer groups do not read its topic 'customers.v1'",
      "spec.inputs: the processor's consumer groups read 'refunds.v1' (dataproduct:default/refunds), which no declared input publishes",
      "spec.inputs: the processor's consumer groups read 'scratch', which no declared input publishes",
    ]);
  });

  it('says every declared input is unread while the groups have no offsets', () => {
    const lineage = compareProcessorLineage({
      cluster: 'local',
      groups: [{ group: 'app', topics: [] }],
      inputs,
      productsOnTopic,
    });
    expect(lineage.activeGroups).toEqual([]);
    expect(lineage.declaredNotRead.map(d => d.input)).toEqual([
      'dataproduct:default/customers',
      'dataproduct:default/orders',
    ]);
  });

  it('leaves out unpublished inputs, inputs on other clusters and internal topics', () => {
    expect(
      compareProcessorLineage({
        cluster: 'local',
        groups: [
          {
            group: 'app',
            topics: [
              'orders.v1',
              '__consumer_offsets',
              'app-KSTREAM-AGGREGATE-0000000001-repartition',
              'app-store-changelog',
            ],
          },
        ],
        inputs: [
          inputs[0],
          { input: 'dataproduct:default/missing' },
          {
            input: 'dataproduct:default/remote',
            output: { cluster: 'other', topic: 'remote.v1' },
          },
        ],
        productsOnTopic,
      }),
    ).toEqual({
      cluster: 'local',
      activeGroups: ['app'],
      declaredNotRead: [],
      readNotDeclared: [],
    });
  });
});
