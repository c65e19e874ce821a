import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KAFKA_CLUSTER,
  ANNOTATION_KAFKA_TOPIC,
  computeEffectiveSla,
  DataProductEntity,
  registryLocation,
} from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { ObservedInputs, toCatalogEntity } from './toCatalogEntity';

function fixture() {
  const upstream = makeDataProduct('payments', 'payments.v1', {
    sla: {
      tier: 'tier-3',
      availability: 99,
      freshness: 'PT1H',
      supportHours: 'business-hours',
      onCall: 'https://oncall.example.com/payments',
    },
  });
  const descriptor = makeDataProduct('orders', 'commerce.orders.v1', {
    inputs: ['payments', 'missing-one'],
  });
  descriptor.metadata.annotations = {
    'backstage.io/techdocs-ref': 'dir:.',
    [ANNOTATION_LOCATION]: 'url:https://example.com/should-be-replaced',
  };
  const products = new Map<string, DataProductEntity>([
    ['dataproduct:default/payments', upstream],
    ['dataproduct:default/orders', descriptor],
  ]);
  const observed: ObservedInputs = {
    topic: {
      status: 'ok',
      partitions: 6,
      replicationFactor: 3,
      retentionMs: 604800000,
      cleanupPolicy: 'delete',
    },
    schema: {
      status: 'registered',
      subject: 'commerce.orders.v1-value',
      version: 4,
      id: 17,
      format: 'avro',
      compatibility: 'BACKWARD',
    },
    sla: computeEffectiveSla('dataproduct:default/orders', ref =>
      products.get(ref),
    ),
  };
  return { descriptor, observed };
}

describe('toCatalogEntity', () => {
  const location = registryLocation('local', '_data-products');

  it('adds the location and Kafka annotations and keeps the descriptor ones', () => {
    const { descriptor, observed } = fixture();
    const entity = toCatalogEntity(descriptor, location, observed);
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/techdocs-ref': 'dir:.',
      [ANNOTATION_LOCATION]: 'kafka-topic:local/_data-products',
      [ANNOTATION_ORIGIN_LOCATION]: 'kafka-topic:local/_data-products',
      [ANNOTATION_KAFKA_CLUSTER]: 'local',
      [ANNOTATION_KAFKA_TOPIC]: 'commerce.orders.v1',
    });
    expect(ANNOTATION_LOCATION).toBe('backstage.io/managed-by-location');
    expect(ANNOTATION_ORIGIN_LOCATION).toBe(
      'backstage.io/managed-by-origin-location',
    );
    expect(ANNOTATION_KAFKA_CLUSTER).toBe('kafka-mesh.io/kafka-cluster');
    expect(ANNOTATION_KAFKA_TOPIC).toBe('kafka-mesh.io/kafka-topic');
  });

  it('adds the annotations to a descriptor that has none', () => {
    const descriptor = makeDataProduct('refunds', 'commerce.refunds.v1');
    expect(descriptor.metadata.annotations).toBeUndefined();
    const entity = toCatalogEntity(descriptor, location, fixture().observed);
    expect(Object.keys(entity.metadata.annotations!).sort()).toEqual(
      [
        ANNOTATION_LOCATION,
        ANNOTATION_ORIGIN_LOCATION,
        ANNOTATION_KAFKA_CLUSTER,
        ANNOTATION_KAFKA_TOPIC,
      ].sort(),
    );
    expect(entity.metadata.annotations![ANNOTATION_KAFKA_TOPIC]).toBe(
      'commerce.refunds.v1',
    );
  });

  it('keeps the descriptor as written and adds what was observed', () => {
    const { descriptor, observed } = fixture();
    const entity = toCatalogEntity(descriptor, location, observed);
    const { observed: spec, ...rest } = entity.spec;
    expect(rest).toEqual(descriptor.spec);
    expect(entity.apiVersion).toBe(descriptor.apiVersion);
    expect(entity.kind).toBe('DataProduct');
    expect(entity.metadata.name).toBe('orders');
    expect(entity.metadata.title).toBe(descriptor.metadata.title);
    expect(spec).toEqual({
      topic: observed.topic,
      schema: observed.schema,
      effectiveSla: {
        tier: 'tier-3',
        availability: 99,
        freshness: 'PT1H',
        supportHours: 'business-hours',
      },
      limitedBy: {
        tier: 'dataproduct:default/payments',
        availability: 'dataproduct:default/payments',
        freshness: 'dataproduct:default/payments',
      },
      slaWarnings: observed.sla.warnings,
      missingInputs: ['dataproduct:default/missing-one'],
    });
    expect(spec!.slaWarnings).toHaveLength(3);
  });

  it('does not change the descriptor it is given', () => {
    const { descriptor, observed } = fixture();
    const before = structuredClone(descriptor);
    toCatalogEntity(descriptor, location, observed);
    expect(descriptor).toEqual(before);
  });

  it('replaces observed facts a descriptor brings along', () => {
    const { descriptor, observed } = fixture();
    const forged = {
      ...descriptor,
      spec: { ...descriptor.spec, observed: { topic: { status: 'missing' } } },
    } as unknown as DataProductEntity;
    const entity = toCatalogEntity(forged, location, observed);
    expect(entity.spec.observed!.topic).toEqual(observed.topic);
  });

  it('is deterministic: the same inputs give the same entity', () => {
    const first = fixture();
    const second = fixture();
    const a = toCatalogEntity(first.descriptor, location, first.observed);
    const b = toCatalogEntity(second.descriptor, location, second.observed);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(
      JSON.stringify(
        toCatalogEntity(first.descriptor, location, first.observed),
      ),
    ).toBe(JSON.stringify(a));
  });
});
