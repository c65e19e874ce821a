import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_CONSUMER_GROUPS } from '@kafka-mesh/plugin-data-mesh-common';
import type { Admin } from 'kafkajs';
import { fakeCluster } from '../__testUtils__/fakeCluster';
import { ConsumerGroupIndex } from '../lib/ConsumerGroupIndex';
import { ProductIndex } from '../lib/ProductIndex';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { DataProductConsumerProcessor } from './DataProductConsumerProcessor';

const location: LocationSpec = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

/** An admin whose groups have committed offset 1 on each listed topic. */
function fakeAdmin(groups: Record<string, string[]>): Admin {
  return {
    listGroups: async () => ({
      groups: Object.keys(groups).map(groupId => ({
        groupId,
        protocolType: 'consumer',
      })),
    }),
    fetchOffsets: async ({ groupId }: { groupId: string }) =>
      groups[groupId].map(topic => ({
        topic,
        partitions: [{ partition: 0, offset: '1', metadata: null }],
      })),
  } as unknown as Admin;
}

function componentWith(annotation?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'dashboard',
      namespace: 'web',
      annotations:
        annotation === undefined
          ? {}
          : { [ANNOTATION_CONSUMER_GROUPS]: annotation },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

async function setup() {
  const products = new ProductIndex();
  products.set(makeDataProduct('orders', 'orders.v1'));
  products.set(makeDataProduct('orders-audit', 'orders.v1'));
  products.set(makeDataProduct('refunds', 'refunds.v1'));
  products.set(
    makeDataProduct('payments', 'payments.v1', {
      output: { cluster: 'eu', topic: 'payments.v1', format: 'avro' },
    }),
  );
  const groups = new ConsumerGroupIndex([
    fakeCluster(
      fakeAdmin({
        g1: ['orders.v1', 'not-a-product'],
        g2: ['refunds.v1'],
        g3: ['payments.v1'],
      }),
    ),
  ]);
  await groups.refresh();
  const processor = new DataProductConsumerProcessor(groups, products);
  const results: CatalogProcessorResult[] = [];
  const emit = (r: CatalogProcessorResult) => results.push(r);
  return { processor, results, emit };
}

const describeRelation = (r: CatalogProcessorResult) =>
  r.type === 'relation'
    ? `${r.relation.source.kind.toLowerCase()}:${r.relation.source.namespace}/${
        r.relation.source.name
      } ${r.relation.type} ${r.relation.target.kind.toLowerCase()}:${
        r.relation.target.namespace
      }/${r.relation.target.name}`
    : undefined;

describe('DataProductConsumerProcessor', () => {
  it('ignores entities without the consumer-groups annotation', async () => {
    const { processor, results, emit } = await setup();
    const entity = componentWith();
    await expect(
      processor.postProcessEntity(entity, location, emit),
    ).resolves.toBe(entity);
    await processor.postProcessEntity(componentWith(''), location, emit);
    expect(results).toEqual([]);
  });

  it('links a component to the products on the topics its groups read', async () => {
    const { processor, results, emit } = await setup();
    const entity = componentWith('local/g1, local/g2');
    await expect(
      processor.postProcessEntity(entity, location, emit),
    ).resolves.toBe(entity);
    expect(results.filter(r => r.type === 'refresh')).toEqual([
      { type: 'refresh', key: 'data-mesh-consumer-group:local/g1' },
      { type: 'refresh', key: 'data-mesh-consumer-group:local/g2' },
    ]);
    expect(results.flatMap(r => describeRelation(r) ?? [])).toEqual([
      'component:web/dashboard dependsOn dataproduct:default/orders',
      'dataproduct:default/orders dependencyOf component:web/dashboard',
      'component:web/dashboard dependsOn dataproduct:default/orders-audit',
      'dataproduct:default/orders-audit dependencyOf component:web/dashboard',
      'component:web/dashboard dependsOn dataproduct:default/refunds',
      'dataproduct:default/refunds dependencyOf component:web/dashboard',
    ]);
    expect(results.filter(r => r.type === 'error')).toEqual([]);
  });

  it('matches topics within the cluster the annotation names', async () => {
    const { processor, results, emit } = await setup();
    // g3 reads payments.v1 on local; the product payments.v1 is on eu.
    await processor.postProcessEntity(
      componentWith('local/g3,eu/g3'),
      location,
      emit,
    );
    expect(results.filter(r => r.type === 'relation')).toEqual([]);
    expect(results.filter(r => r.type === 'refresh')).toHaveLength(2);
  });

  it('carries a refresh key even for a group that reads no product yet', async () => {
    const { processor, results, emit } = await setup();
    await processor.postProcessEntity(
      componentWith('local/unknown-group'),
      location,
      emit,
    );
    expect(results).toEqual([
      { type: 'refresh', key: 'data-mesh-consumer-group:local/unknown-group' },
    ]);
  });

  it.each(['nogroup', '/g1', 'local/'])(
    "reports the malformed entry '%s' and still reads the others",
    async entry => {
      const { processor, results, emit } = await setup();
      await processor.postProcessEntity(
        componentWith(`${entry}, local/g2`),
        location,
        emit,
      );
      const errors = results.filter(r => r.type === 'error');
      expect(errors).toHaveLength(1);
      const [error] = errors;
      expect(error.type === 'error' && error.location).toEqual(location);
      expect(error.type === 'error' && error.error).toBeInstanceOf(InputError);
      expect(error.type === 'error' && error.error.message).toBe(
        `kafka.apache.org/consumer-groups: '${entry}' is not of the form <cluster>/<consumer-group>`,
      );
      // Nothing else comes of the malformed entry: no refresh key, no edge.
      expect(results.filter(r => r.type === 'refresh')).toEqual([
        { type: 'refresh', key: 'data-mesh-consumer-group:local/g2' },
      ]);
      expect(results.flatMap(r => describeRelation(r) ?? [])).toEqual([
        'component:web/dashboard dependsOn dataproduct:default/refunds',
        'dataproduct:default/refunds dependencyOf component:web/dashboard',
      ]);
    },
  );

  describe('a data product naming its processor groups', () => {
    const observed = {
      topic: { status: 'ok' as const, partitions: 1, replicationFactor: 1 },
      schema: { status: 'missing' as const, subject: 'report.v1-value' },
      effectiveSla: {
        tier: 'tier-2' as const,
        availability: 99.5,
        freshness: 'PT5M',
        supportHours: 'business-hours' as const,
      },
      limitedBy: {},
      slaWarnings: [],
      missingInputs: [],
    };
    const derived = (consumerGroups: string[], withObserved = true) =>
      makeDataProduct('report', 'report.v1', {
        inputs: ['dataproduct:default/orders', 'dataproduct:default/payments'],
        processor: { consumerGroups },
        ...(withObserved && { observed }),
      });

    it('leaves a product without processor groups alone', async () => {
      const { processor, results, emit } = await setup();
      const entity = makeDataProduct('report', 'report.v1');
      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);
      expect(results).toEqual([]);
    });

    it('links the product to what its groups read and records the drift', async () => {
      const { processor, results, emit } = await setup();
      // g1 reads orders.v1 (declared) and not-a-product (undeclared); g2
      // reads refunds.v1 (an undeclared product). payments is on eu.
      const result = (await processor.postProcessEntity(
        derived(['g1', 'g2']),
        location,
        emit,
      )) as any;
      expect(results.filter(r => r.type === 'refresh')).toEqual([
        { type: 'refresh', key: 'data-mesh-consumer-group:local/g1' },
        { type: 'refresh', key: 'data-mesh-consumer-group:local/g2' },
      ]);
      expect(results.flatMap(r => describeRelation(r) ?? [])).toEqual([
        'dataproduct:default/report dependsOn dataproduct:default/orders',
        'dataproduct:default/orders dependencyOf dataproduct:default/report',
        'dataproduct:default/report dependsOn dataproduct:default/orders-audit',
        'dataproduct:default/orders-audit dependencyOf dataproduct:default/report',
        'dataproduct:default/report dependsOn dataproduct:default/refunds',
        'dataproduct:default/refunds dependencyOf dataproduct:default/report',
      ]);
      expect(result.spec.observed).toEqual({
        ...observed,
        lineage: {
          cluster: 'local',
          activeGroups: ['g1', 'g2'],
          declaredNotRead: [],
          readNotDeclared: [
            { topic: 'not-a-product' },
            { topic: 'refunds.v1', product: 'dataproduct:default/refunds' },
          ],
        },
      });
      expect(result.status.items).toEqual([
        {
          type: 'kafka-mesh.io/lineage-drift',
          level: 'warning',
          message:
            "spec.inputs: the processor's consumer groups read 'not-a-product', which no declared input publishes",
        },
        {
          type: 'kafka-mesh.io/lineage-drift',
          level: 'warning',
          message:
            "spec.inputs: the processor's consumer groups read 'refunds.v1' (dataproduct:default/refunds), which no declared input publishes",
        },
      ]);
    });

    it('flags a declared input its groups do not read, keeping earlier status items', async () => {
      const { processor, emit } = await setup();
      const entity = {
        ...derived(['g2', 'never-ran'], false),
        status: { items: [{ type: 'other', level: 'error', message: 'x' }] },
      };
      const result = (await processor.postProcessEntity(
        entity,
        location,
        emit,
      )) as any;
      // A hand-written product has no observed facts to add to.
      expect(result.spec.observed).toBeUndefined();
      expect(result.status.items.map((i: any) => i.message)).toEqual([
        'x',
        "spec.inputs: dataproduct:default/orders is declared but the processor's consumer groups do not read its topic 'orders.v1'",
        "spec.inputs: the processor's consumer groups read 'refunds.v1' (dataproduct:default/refunds), which no declared input publishes",
      ]);
    });

    it('adds no status when what the groups read matches the inputs', async () => {
      const { processor, emit } = await setup();
      const entity = makeDataProduct('report', 'report.v1', {
        inputs: ['dataproduct:default/refunds'],
        processor: { consumerGroups: ['g2'] },
        observed,
      });
      const result = (await processor.postProcessEntity(
        entity,
        location,
        emit,
      )) as any;
      expect(result.status).toBeUndefined();
      expect(result.spec.observed.lineage).toEqual({
        cluster: 'local',
        activeGroups: ['g2'],
        declaredNotRead: [],
        readNotDeclared: [],
      });
    });
  });
});
