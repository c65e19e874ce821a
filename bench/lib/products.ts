import {
  DataProductEntity,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  createTopics,
  publishDescriptor,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Producer } from 'kafkajs';

/** Registry calls in flight at once while seeding (not measured). */
const SEED_CONCURRENCY = 16;
/** Topics created per admin request while seeding. */
const TOPIC_BATCH = 200;

export function descriptor(name: string, topic: string): DataProductEntity {
  return {
    apiVersion: 'kafka-mesh.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, description: 'Benchmark product' },
    spec: {
      owner: 'group:default/guests',
      domain: 'examples',
      lifecycle: 'experimental',
      output: {
        cluster: 'local',
        topic,
        format: 'json',
        schemaSubject: `${topic}-value`,
      },
      sla: {
        tier: 'tier-3',
        availability: 99,
        freshness: 'PT1H',
        supportHours: 'business-hours',
        onCall: 'https://oncall.example.com/bench',
      },
    },
  } as DataProductEntity;
}

/** A JSON schema of its own for every product (so one schema id each). */
export function schemaOf(name: string, version: number) {
  const properties: Record<string, object> = {
    id: { type: 'string' },
    amount: { type: 'number' },
  };
  if (version > 1) properties.note = { type: 'string' };
  return {
    schemaType: 'JSON' as const,
    schema: JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: name,
      type: 'object',
      properties,
      // Closed, so that the second version's added field stays compatible.
      additionalProperties: false,
    }),
  };
}

async function inChunks<T>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(fn));
  }
}

export interface SeedOptions {
  admin: Admin;
  producer: Producer;
  registry: SchemaRegistryRestClient;
  registryTopic: string;
  /** Names become `<prefix>-<i>`, topics `bench.<prefix>-<i>`. */
  prefix: string;
  count: number;
  /** Products (the first ones) that also get records and a second schema version. */
  live?: number;
  /** False: topics and schemas only, the descriptors are published later. */
  publish?: boolean;
}

/**
 * Creates `count` products as a team would: a topic, a registered schema and
 * a descriptor on the registry topic each. Resolves with the descriptors.
 */
export async function seedProducts(
  options: SeedOptions,
): Promise<DataProductEntity[]> {
  const { admin, producer, registry, registryTopic, prefix, count } = options;
  const products = Array.from({ length: count }, (_, i) =>
    descriptor(`${prefix}-${i}`, `bench.${prefix}-${i}`),
  );
  for (let i = 0; i < products.length; i += TOPIC_BATCH) {
    await createTopics(admin, {
      topics: products.slice(i, i + TOPIC_BATCH).map(p => ({
        topic: p.spec.output.topic,
        numPartitions: 1,
      })),
      timeoutMs: 120_000,
    });
  }
  await inChunks(products, SEED_CONCURRENCY, p =>
    registry.register(schemaSubjectOf(p), schemaOf(p.metadata.name, 1)),
  );
  const live = products.slice(0, options.live ?? 0);
  await inChunks(live, SEED_CONCURRENCY, p =>
    registry.register(schemaSubjectOf(p), schemaOf(p.metadata.name, 2)),
  );
  await inChunks(live, SEED_CONCURRENCY, p =>
    producer.send({
      topic: p.spec.output.topic,
      messages: Array.from({ length: 30 }, (_, i) => ({
        value: JSON.stringify({ id: `r${i}`, amount: i, note: 'bench' }),
      })),
    }),
  );
  if (options.publish !== false) {
    await publishAll(producer, registryTopic, products);
  }
  return products;
}

/** Produces the descriptors to a registry topic, 100 sends at a time. */
export async function publishAll(
  producer: Producer,
  registryTopic: string,
  products: DataProductEntity[],
) {
  await inChunks(products, 100, p =>
    publishDescriptor(producer, registryTopic, p),
  );
}
