import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  DataProductEntity,
  DEFAULT_GOVERNANCE_RULES,
} from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { ProductIndex } from '../lib/ProductIndex';
import { DataProductProcessor } from './DataProductProcessor';

const location: LocationSpec = {
  type: 'kafka-topic',
  target: 'local/_data-products',
};

function collect() {
  const results: CatalogProcessorResult[] = [];
  return { results, emit: (r: CatalogProcessorResult) => results.push(r) };
}

const relationsOf = (results: CatalogProcessorResult[]) =>
  results.flatMap(r =>
    r.type === 'relation'
      ? [
          `${r.relation.source.kind.toLowerCase()}:${
            r.relation.source.namespace
          }/${r.relation.source.name} ` +
            `${r.relation.type} ` +
            `${r.relation.target.kind.toLowerCase()}:${
              r.relation.target.namespace
            }/${r.relation.target.name}`,
        ]
      : [],
  );

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'dashboard' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

// Descriptors here name their topics by the default rules, so that only
// the tests about governance see violations.
const rules = DEFAULT_GOVERNANCE_RULES;

describe('DataProductProcessor', () => {
  const none = jest.fn(async () => [] as string[]);

  describe('validateEntityKind', () => {
    it('leaves other kinds to other processors', async () => {
      await expect(
        new DataProductProcessor(none, rules).validateEntityKind(component),
      ).resolves.toBe(false);
    });

    it('accepts a valid DataProduct', async () => {
      const processor = new DataProductProcessor(none, rules);
      const product = makeDataProduct('orders', 'commerce.orders.v1');
      await expect(processor.validateEntityKind(product)).resolves.toBe(true);
    });

    it('rejects an invalid DataProduct with an InputError naming the field paths', async () => {
      const product: any = makeDataProduct('orders', 'commerce.orders.v1');
      delete product.spec.sla;
      product.spec.output.format = 'xml';
      const validation = new DataProductProcessor(
        none,
        rules,
      ).validateEntityKind(product);
      await expect(validation).rejects.toBeInstanceOf(InputError);
      await expect(validation).rejects.toThrow(/^Invalid DataProduct orders: /);
      await expect(validation).rejects.toThrow('spec.sla: is required');
      await expect(validation).rejects.toThrow(
        'spec.output.format: must be one of avro, json, protobuf',
      );
    });

    it("rejects a lower case kind: the schema, like the catalog's own kinds, wants DataProduct", async () => {
      const product = {
        ...makeDataProduct('orders', 'commerce.orders.v1'),
        kind: 'dataproduct',
      };
      await expect(
        new DataProductProcessor(none, rules).validateEntityKind(product),
      ).rejects.toThrow('kind: must be one of DataProduct');
    });
  });

  describe('postProcessEntity', () => {
    it('leaves other kinds alone', async () => {
      const missing = jest.fn(async () => ['dataproduct:default/x']);
      const { results, emit } = collect();
      const out = await new DataProductProcessor(
        missing,
        rules,
      ).postProcessEntity(component, location, emit);
      expect(out).toBe(component);
      expect(results).toEqual([]);
      expect(missing).not.toHaveBeenCalled();
    });

    it('emits ownership, domain, system and lineage relations both ways', async () => {
      const product = makeDataProduct('orders', 'commerce.orders.v1', {
        owner: 'checkout-team',
        domain: 'commerce',
        system: 'system:web-shop',
        inputs: ['payments', 'dataproduct:sales/leads'],
      });
      product.metadata.namespace = 'shop';
      const { results, emit } = collect();
      const out = await new DataProductProcessor(none, rules).postProcessEntity(
        product,
        location,
        emit,
      );
      expect(out).toBe(product);
      expect(relationsOf(results)).toEqual([
        'dataproduct:shop/orders ownedBy group:shop/checkout-team',
        'group:shop/checkout-team ownerOf dataproduct:shop/orders',
        'dataproduct:shop/orders partOf domain:shop/commerce',
        'domain:shop/commerce hasPart dataproduct:shop/orders',
        'dataproduct:shop/orders partOf system:shop/web-shop',
        'system:shop/web-shop hasPart dataproduct:shop/orders',
        'dataproduct:shop/orders dependsOn dataproduct:shop/payments',
        'dataproduct:shop/payments dependencyOf dataproduct:shop/orders',
        'dataproduct:shop/orders dependsOn dataproduct:sales/leads',
        'dataproduct:sales/leads dependencyOf dataproduct:shop/orders',
      ]);
      expect(results.every(r => r.type === 'relation')).toBe(true);
    });

    it('emits no system relation without a system, and keeps explicit owner kinds', async () => {
      const product = makeDataProduct('orders', 'commerce.orders.v1', {
        owner: 'user:default/jane',
      });
      const { results, emit } = collect();
      await new DataProductProcessor(none, rules).postProcessEntity(
        product,
        location,
        emit,
      );
      expect(relationsOf(results)).toEqual([
        'dataproduct:default/orders ownedBy user:default/jane',
        'user:default/jane ownerOf dataproduct:default/orders',
        'dataproduct:default/orders partOf domain:default/commerce',
        'domain:default/commerce hasPart dataproduct:default/orders',
      ]);
    });

    it('asks which of its canonical input refs are missing', async () => {
      const missing = jest.fn(async () => [] as string[]);
      const product = makeDataProduct('orders', 'commerce.orders.v1', {
        inputs: ['Payments', 'dataproduct:sales/leads'],
      });
      await new DataProductProcessor(missing, rules).postProcessEntity(
        product,
        location,
        collect().emit,
      );
      expect(missing).toHaveBeenCalledWith([
        'dataproduct:default/payments',
        'dataproduct:sales/leads',
      ]);
    });

    it('leaves a product whose inputs all exist as it is', async () => {
      const product = makeDataProduct('orders', 'commerce.orders.v1', {
        inputs: ['payments'],
      });
      const out = await new DataProductProcessor(none, rules).postProcessEntity(
        product,
        location,
        collect().emit,
      );
      expect(out).toBe(product);
      expect((out as AlphaEntity).status).toBeUndefined();
    });

    it('flags each missing input as a processing error on the entity, keeping its relations', async () => {
      const product = makeDataProduct('orders', 'commerce.orders.v1', {
        inputs: ['payments', 'leads', 'refunds'],
      });
      const missing = jest.fn(async () => [
        'dataproduct:default/leads',
        'dataproduct:default/refunds',
      ]);
      const { results, emit } = collect();
      const out = (await new DataProductProcessor(
        missing,
        rules,
      ).postProcessEntity(product, location, emit)) as AlphaEntity;
      expect(out.status?.items).toEqual([
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message:
            'InputError: spec.inputs: dataproduct:default/leads does not exist in the catalog',
          error: {
            name: 'InputError',
            message:
              'spec.inputs: dataproduct:default/leads does not exist in the catalog',
          },
        },
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message:
            'InputError: spec.inputs: dataproduct:default/refunds does not exist in the catalog',
          error: {
            name: 'InputError',
            message:
              'spec.inputs: dataproduct:default/refunds does not exist in the catalog',
          },
        },
      ]);
      // Not emitted as errors: that would keep the whole product out of the catalog.
      expect(results.filter(r => r.type === 'error')).toEqual([]);
      expect(relationsOf(results)).toContain(
        'dataproduct:default/orders dependsOn dataproduct:default/leads',
      );
      expect(out.spec).toEqual(product.spec);
      expect((product as AlphaEntity).status).toBeUndefined();
    });

    it('keeps status items the entity already had', async () => {
      const existing = {
        type: 'example.com/other',
        level: 'warning' as const,
        message: 'something else',
      };
      const product = {
        ...makeDataProduct('orders', 'commerce.orders.v1', {
          inputs: ['leads'],
        }),
        status: { items: [existing] },
      };
      const out = (await new DataProductProcessor(
        async () => ['dataproduct:default/leads'],
        rules,
      ).postProcessEntity(product, location, collect().emit)) as AlphaEntity;
      expect(out.status?.items).toHaveLength(2);
      expect(out.status?.items?.[0]).toEqual(existing);
      expect(out.status?.items?.[1]).toMatchObject({ level: 'error' });
    });

    it('flags each broken governance rule as a processing error, one per violation, keeping the entity', async () => {
      const product = makeDataProduct('orders', 'orders-topic', {
        inputs: ['leads'],
      });
      const strict = { ...rules, allowedFormats: ['protobuf' as const] };
      const { results, emit } = collect();
      const out = (await new DataProductProcessor(
        async () => ['dataproduct:default/leads'],
        strict,
      ).postProcessEntity(product, location, emit)) as AlphaEntity;
      const format =
        'spec.output.format: format avro is not allowed; allowed: protobuf (rule allowed-formats, set by dataMesh.governance.allowedFormats)';
      const topic =
        "spec.output.topic: topic 'orders-topic' does not follow the naming rule '{domain}.{name}.v{major}', e.g. 'commerce.orders.v1' (rule topic-naming, set by dataMesh.governance.topicNaming)";
      expect(out.status?.items).toEqual([
        expect.objectContaining({
          message:
            'InputError: spec.inputs: dataproduct:default/leads does not exist in the catalog',
        }),
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: `GovernanceViolation: ${format}`,
          error: { name: 'GovernanceViolation', message: format },
        },
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: `GovernanceViolation: ${topic}`,
          error: { name: 'GovernanceViolation', message: topic },
        },
      ]);
      expect(results.filter(r => r.type === 'error')).toEqual([]);
      expect(relationsOf(results)).toContain(
        'dataproduct:default/orders ownedBy group:default/checkout-team',
      );
      expect(out.spec).toEqual(product.spec);
    });

    it('judges the facts the provider observed against the configured rules', async () => {
      const product = makeDataProduct('orders', 'commerce.orders.v1', {
        observed: {
          topic: { status: 'ok', partitions: 3, replicationFactor: 1 },
          schema: {
            status: 'registered',
            subject: 'commerce.orders.v1-value',
            version: 1,
            id: 1,
            format: 'avro',
            compatibility: 'BACKWARD',
          },
          effectiveSla: {
            tier: 'tier-2',
            availability: 99.5,
            freshness: 'PT5M',
            supportHours: 'business-hours',
          },
          limitedBy: {},
          slaWarnings: [],
          missingInputs: [],
        },
      });
      const processor = (partitionsMax: number) =>
        new DataProductProcessor(none, {
          ...rules,
          partitions: { min: 1, max: partitionsMax, default: 1 },
        });
      const within = await processor(3).postProcessEntity(
        product,
        location,
        collect().emit,
      );
      expect((within as AlphaEntity).status).toBeUndefined();
      const above = (await processor(2).postProcessEntity(
        product,
        location,
        collect().emit,
      )) as AlphaEntity;
      expect(above.status?.items?.map(i => i.message)).toEqual([
        "GovernanceViolation: topic 'commerce.orders.v1': 3 partitions is above the maximum of 2 (rule partitions, set by dataMesh.governance.partitions.max)",
      ]);
    });
  });
  describe('one topic, one product', () => {
    const index = new ProductIndex();
    const published = makeDataProduct('orders', 'commerce.orders.v1');
    index.set(published);
    const fromRegistry = (entity: DataProductEntity): DataProductEntity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          [ANNOTATION_LOCATION]: 'kafka-topic:local/_data-products',
        },
      },
    });
    const handWritten = (entity: DataProductEntity): DataProductEntity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          [ANNOTATION_LOCATION]: 'file:/repo/catalog-info.yaml',
        },
      },
    });
    const processor = new DataProductProcessor(none, rules, index);

    it("fails a hand-written DataProduct on a published product's topic with an InputError naming that product", async () => {
      const claim = processor.postProcessEntity(
        handWritten(makeDataProduct('my-orders', 'commerce.orders.v1')),
        location,
        collect().emit,
      );
      await expect(claim).rejects.toBeInstanceOf(InputError);
      await expect(claim).rejects.toThrow(
        "spec.output: topic 'commerce.orders.v1' on cluster 'local' is the output of dataproduct:default/orders, published through the registry topic; one topic, one product",
      );
    });

    it('treats a DataProduct without a managed-by location as hand-written', async () => {
      await expect(
        processor.postProcessEntity(
          makeDataProduct('my-orders', 'commerce.orders.v1'),
          location,
          collect().emit,
        ),
      ).rejects.toThrow('is the output of dataproduct:default/orders');
    });

    it('lets a hand-written DataProduct use the same topic name on another cluster', async () => {
      const product = handWritten(
        makeDataProduct('my-orders', 'commerce.orders.v1', {
          output: {
            cluster: 'prod',
            topic: 'commerce.orders.v1',
            format: 'avro',
          },
        }),
      );
      await expect(
        processor.postProcessEntity(product, location, collect().emit),
      ).resolves.toMatchObject({ metadata: { name: 'my-orders' } });
    });

    it('leaves published products to the provider, which keeps one per topic itself', async () => {
      const product = fromRegistry(published);
      await expect(
        processor.postProcessEntity(product, location, collect().emit),
      ).resolves.toBe(product);
    });

    it('does not count a hand-written entity with the ref of the published one as a claim', async () => {
      const product = handWritten(published);
      await expect(
        processor.postProcessEntity(product, location, collect().emit),
      ).resolves.toBe(product);
    });

    it('checks no claim without an index, as in a backend without the provider', async () => {
      const product = handWritten(
        makeDataProduct('my-orders', 'commerce.orders.v1'),
      );
      await expect(
        new DataProductProcessor(none, rules).postProcessEntity(
          product,
          location,
          collect().emit,
        ),
      ).resolves.toMatchObject({ metadata: { name: 'my-orders' } });
    });
  });
});
