import {
  DataProductEntity,
  DEFAULT_GOVERNANCE_RULES,
  productIdOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  ensureRegistryTopic,
  parseSchema,
  parseDescriptorRecord,
  publishDescriptor,
  readRegistryTopic,
  SchemaRegistryRestClient,
  createTopics,
  toAclEntry,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { isDeepStrictEqual } from 'node:util';
import { demoAcls } from './mesh/demoAcls';
import { DemoProduct, loadDemoProducts } from './mesh/demoProducts';
import { compatibilityOf, topicSettingsOf } from './mesh/topicSettings';
import {
  DEMO_CLUSTER,
  demoKafka,
  demoKafkaService,
  DemoMeshOptions,
  OPERATOR_PRINCIPAL,
  PORTAL_PRINCIPAL,
  registryTopicOf,
} from './options';
import { demoProcessors } from './processors';

export interface SeedSummary {
  /** Topics this run created. */
  topicsCreated: string[];
  /** Subjects this run registered a schema version under. */
  schemasRegistered: string[];
  /** Product ids this run published (new or changed descriptors). */
  published: string[];
  /** Product ids whose latest published descriptor already was the demo's. */
  unchanged: string[];
}

async function createMissingTopics(
  admin: Admin,
  products: DemoProduct[],
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = products.filter(p => !existing.has(p.topic));
  if (missing.length === 0) return [];
  const { brokers } = await admin.describeCluster();
  await createTopics(admin, {
    topics: missing.map(p => ({
      topic: p.topic,
      replicationFactor: Math.min(
        DEFAULT_GOVERNANCE_RULES.replicationFactor,
        brokers.length,
      ),
      ...topicSettingsOf(p.descriptor),
    })),
  });
  return missing.map(p => p.topic);
}

/**
 * Registers the product's schema unless the subject already has it, and
 * gives the subject its tier's compatibility level; resolves true if it
 * registered.
 */
async function registerSchema(
  registry: SchemaRegistryRestClient,
  product: DemoProduct,
): Promise<boolean> {
  const { schemaType, text } = parseSchema(
    product.schema.format,
    product.schema.text,
  );
  const schema = { schemaType, schema: text };
  if (await registry.lookup(product.subject, schema)) return false;
  await registry.register(product.subject, schema);
  // After registering: a registry may not know the subject before.
  await registry.setCompatibility(
    product.subject,
    compatibilityOf(product.descriptor),
  );
  return true;
}

/**
 * The latest descriptor per product id in the registry topic (null =
 * tombstone, undefined = unreadable or invalid: publish ours over it).
 */
async function latestDescriptors(
  options: DemoMeshOptions,
  topic: string,
): Promise<Map<string, DataProductEntity | null | undefined>> {
  // Read the way the portal reads it, as the portal.
  const kafka = demoKafkaService(options, PORTAL_PRINCIPAL);
  let records;
  try {
    records = await readRegistryTopic(kafka.cluster(DEMO_CLUSTER), topic);
  } finally {
    await kafka.stop();
  }
  const latest = new Map<string, DataProductEntity | null | undefined>();
  for (const record of records) {
    const parsed = parseDescriptorRecord(record.key, record.value);
    // A record without a product id for a key is no product's.
    if (parsed.id === undefined) continue;
    if (parsed.type === 'upsert') latest.set(parsed.id, parsed.entity);
    else if (parsed.type === 'tombstone') latest.set(parsed.id, null);
    else latest.set(parsed.id, undefined);
  }
  return latest;
}

/**
 * Makes the demo mesh exist: topics (settings from the SLA tier), the demo
 * apps' ACLs, schemas and descriptors. Idempotent and cheap to repeat: it
 * only creates topics that are missing, registers schemas the registry does
 * not have, and publishes a descriptor only when the registry topic's
 * latest one for that product differs, so a second start writes nothing
 * (granting an ACL the broker has is a no-op).
 *
 * Topics and ACLs are the platform operator's (`admin`); descriptors go to
 * the registry topic as the portal, the only principal that may write it.
 */
export async function seedDemoMesh(
  options: DemoMeshOptions,
): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const registryTopic = registryTopicOf(options);
  const products = loadDemoProducts(options);
  const registry = new SchemaRegistryRestClient({ url: options.registryUrl });
  const acls = demoAcls({
    ...options,
    products,
    processors: demoProcessors(),
  });

  const admin = demoKafka(options, OPERATOR_PRINCIPAL).admin();
  await admin.connect();
  let topicsCreated: string[];
  try {
    await ensureRegistryTopic(admin, registryTopic);
    topicsCreated = await createMissingTopics(admin, products);
    await admin.createAcls({ acl: acls.map(toAclEntry) });
  } finally {
    await admin.disconnect();
  }

  // Subjects are independent; registering them in parallel keeps a first
  // start quick. Apicurio applies them in order through its Kafka journal.
  const registered = await Promise.all(
    products.map(p => registerSchema(registry, p)),
  );
  const schemasRegistered = products
    .filter((_, i) => registered[i])
    .map(p => p.subject);

  const latest = await latestDescriptors(options, registryTopic);
  const changed: DataProductEntity[] = [];
  const unchanged: string[] = [];
  for (const { descriptor } of products) {
    const id = productIdOf(descriptor);
    if (isDeepStrictEqual(latest.get(id), descriptor)) unchanged.push(id);
    else changed.push(descriptor);
  }
  if (changed.length) {
    const producer = demoKafka(options, PORTAL_PRINCIPAL).producer({
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    try {
      for (const descriptor of changed) {
        await publishDescriptor(producer, registryTopic, descriptor);
      }
    } finally {
      await producer.disconnect();
    }
  }
  const published = changed.map(productIdOf);

  log(
    `seeded ${products.length} data products into ${registryTopic}: ` +
      `${published.length} published, ${unchanged.length} unchanged; ` +
      `${topicsCreated.length} topics created, ${schemasRegistered.length} schemas registered, ` +
      `${acls.length} ACLs granted to the demo apps`,
  );
  return { topicsCreated, schemasRegistered, published, unchanged };
}
