import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import type {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type {
  CompatibilityLevel,
  DataProductEntity,
  DataProductSpec,
} from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createKafka,
  createTopics,
  DataMeshClients,
  DataProductWriter,
  ensureRegistryTopic,
  KafkaClusterConfig,
  ProductAccess,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import { ADMIN, clientConfig, clusterConfig } from '@kafka-mesh/local-stack';
import type { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import yaml from 'yaml';

// The local stack that jest's global setup started (or found running).
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

/** Eight random characters, so that parallel runs never share a name. */
export const unique = () => randomUUID().slice(0, 8);

/** Options of testConfig and testClients. */
export interface TestConfigOptions {
  governance?: object;
  registryTopic?: string;
  /** The Kafka principal; default `portal`, as the actions run in the portal. */
  principal?: string;
}

/**
 * The `dataMesh` config for the local stack, with a registry topic of its
 * own so that tests never publish into the portal's `_data-products`. The
 * actions under test connect as the portal's principal, so that the tests
 * prove its ACLs suffice.
 */
export function testConfig(options: TestConfigOptions = {}): ConfigReader {
  return new ConfigReader({
    dataMesh: {
      registryTopic: options.registryTopic ?? `test.products.${unique()}`,
      kafka: {
        clientId: 'data-mesh-scaffolder-tests',
        clusters: [clusterConfig(options.principal ?? 'portal')],
      },
      schemaRegistry: { url: registryUrl },
      ...(options.governance && { governance: options.governance }),
    },
  });
}

export function testClients(options: TestConfigOptions = {}): DataMeshClients {
  return DataMeshClients.fromConfig(testConfig(options));
}

/**
 * The cluster `local` of `clients` as the broker's admin, for a test's own
 * fixtures (creating topics as setup, deleting them, producing test data,
 * consumer groups of pretend applications, reading the registry topic to
 * check what an action wrote): only the actions under test depend on the
 * portal's ACLs. Clients already connected as the admin (an isolated
 * stack's) are used as they are.
 */
export function fixtureCluster(clients: DataMeshClients): KafkaClusterConfig {
  const cluster = clients.cluster('local');
  const sasl = cluster.sasl as { username?: string } | undefined;
  if (sasl?.username === ADMIN) return cluster;
  const shared = [
    ...clientConfig('portal').brokers,
    ...clientConfig('portal', { listener: 'ssl' }).brokers,
  ];
  if (!cluster.brokers.every(broker => shared.includes(broker))) {
    throw new Error(
      `fixtures for ${cluster.brokers.join(
        ',',
      )} (not the shared stack) need clients connected as its admin`,
    );
  }
  return clusterConfig(ADMIN);
}

/** A kafkajs client for fixtures: see fixtureCluster. */
export function fixtureKafka(clients: DataMeshClients): Kafka {
  return createKafka(fixtureCluster(clients), {
    clientId: 'data-mesh-scaffolder-fixtures',
  });
}

/** Runs `fn` with a fixture admin (see fixtureCluster), always disconnected. */
export async function withFixtureAdmin<T>(
  clients: DataMeshClients,
  fn: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = fixtureKafka(clients).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Writes a descriptor straight to the registry topic of `clients`, as
 * setup (as the admin, creating the topic if needed).
 */
export async function publishFixture(
  clients: DataMeshClients,
  descriptor: DataProductEntity,
): Promise<void> {
  const topic = clients.mesh.registryTopic;
  await withFixtureAdmin(clients, admin => ensureRegistryTopic(admin, topic));
  const producer = fixtureKafka(clients).producer({
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await publishDescriptor(producer, topic, descriptor);
  } finally {
    await producer.disconnect();
  }
}

/**
 * What a stand-in policy answers: everything allowed, nothing, or only what
 * the caller owns (the portal's real policy runs in the e2e tests).
 */
export type TestPolicy =
  | 'allow'
  | 'deny'
  | { claims: string[]; admin?: boolean };

/**
 * A permissions service that answers like `policy`: with claims, like the
 * portal's policy for a user holding them (owners only; admin permissions
 * only for an admin).
 */
export function testPermissions(policy: TestPolicy = 'allow') {
  const decide = (permission: ResourcePermission): PolicyDecision => {
    if (policy === 'allow') return { result: AuthorizeResult.ALLOW };
    if (policy === 'deny') return { result: AuthorizeResult.DENY };
    if (policy.admin) return { result: AuthorizeResult.ALLOW };
    if (permission.name.endsWith('.admin')) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      permission as ResourcePermission<'catalog-entity'>,
      catalogConditions.isEntityOwner({ claims: policy.claims }),
    );
  };
  return {
    authorize: jest.fn(),
    authorizeConditional: jest.fn(
      async (requests: Array<{ permission: ResourcePermission }>) =>
        requests.map(r => decide(r.permission)),
    ),
  };
}

/** The product writer the actions share, over the given catalog and policy. */
export function testWriter(options: {
  catalog: CatalogService;
  clients?: DataMeshClients;
  policy?: TestPolicy;
  notifications?: Pick<NotificationService, 'send'>;
  now?: () => Date;
}): DataProductWriter {
  const auth = mockServices.auth();
  const clients = options.clients ?? testClients();
  return new DataProductWriter(
    clients,
    options.catalog,
    new ProductAccess(
      testPermissions(options.policy) as unknown as PermissionsService,
      auth,
    ),
    auth,
    (options.notifications ?? { send: jest.fn() }) as NotificationService,
    options.now,
  );
}

/** The input of the first step of an action's example. */
export function exampleInput(examples: TemplateExample[], index: number) {
  return yaml.parse(examples[index].example).steps[0].input;
}

type AnyAction = TemplateAction<any, any, any>;

// One workspace for the runs that do not bring their own: the mock context
// would otherwise make (and register the cleanup of) a folder per run.
let sharedWorkspace: string | undefined;

/**
 * Runs an action's handler in a mock task context and returns its outputs
 * by name. The handler is called directly, so the scaffolder's schema
 * validation does not run: the actions must cope without it.
 */
export async function runAction<A extends AnyAction>(
  action: A,
  input: Parameters<A['handler']>[0]['input'],
  extra: { isDryRun?: boolean; workspacePath?: string } = {},
): Promise<Record<string, any>> {
  sharedWorkspace ??= createMockDirectory().resolve('workspace');
  const ctx = createMockActionContext({
    input,
    workspacePath: extra.workspacePath ?? sharedWorkspace,
  });
  // isDryRun is not one of the mock's options.
  await action.handler({ ...ctx, isDryRun: extra.isDryRun ?? false });
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

/** The group that owns the test products. */
export const ownerGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A product with a unique name, following the default naming rule. */
export function newProduct(spec: Partial<DataProductSpec> = {}): {
  name: string;
  topic: string;
  subject: string;
  ref: string;
  descriptor: DataProductEntity;
} {
  const name = `orders-${unique()}`;
  const topic = `commerce.${name}.v1`;
  return {
    name,
    topic,
    subject: `${topic}-value`,
    ref: `dataproduct:default/${name}`,
    descriptor: makeDataProduct(name, topic, spec),
  };
}

/** An Avro record schema with the given string fields. */
export function avroSchema(fields: string[], name = 'OrderPlaced'): string {
  return JSON.stringify({
    type: 'record',
    name,
    namespace: 'commerce',
    fields: fields.map(field => ({ name: field, type: 'string' })),
  });
}

/** Whether the topic exists on the local cluster. */
export async function topicExists(
  clients: DataMeshClients,
  topic: string,
): Promise<boolean> {
  const topics = await clients.withAdmin('local', admin => admin.listTopics());
  return topics.includes(topic);
}

/** Whether the subject holds a schema. */
export async function subjectExists(
  clients: DataMeshClients,
  subject: string,
): Promise<boolean> {
  return (await clients.registry.latestVersion(subject)) !== undefined;
}

/** Removes what a test created (as the admin); missing things are fine. */
export async function cleanUp(
  clients: DataMeshClients,
  { topics = [], subjects = [] }: { topics?: string[]; subjects?: string[] },
): Promise<void> {
  await withFixtureAdmin(clients, async admin => {
    const existing = new Set(await admin.listTopics());
    const doomed = topics.filter(t => existing.has(t));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed });
  });
  await Promise.all(
    subjects.map(s => clients.registry.deleteSubject(s).catch(() => undefined)),
  );
}

/** Creates a one-partition topic, as an existing stream would have (setup, as the admin). */
export async function createTopic(
  clients: DataMeshClients,
  topic: string,
): Promise<void> {
  await withFixtureAdmin(clients, admin =>
    createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    }),
  );
}

/**
 * The latest value per key on the test registry topic (null for a
 * tombstone), read from the beginning up to its current end, as the
 * test's own reader (the admin, see fixtureCluster).
 */
export async function registryRecords(
  clients: DataMeshClients,
): Promise<Map<string, unknown>> {
  const topic = clients.mesh.registryTopic;
  const records = new Map<string, unknown>();
  const ends = await withFixtureAdmin(clients, async admin =>
    (await admin.listTopics()).includes(topic)
      ? admin.fetchTopicOffsets(topic)
      : [],
  );
  const pending = new Map(
    ends
      .filter(p => Number(p.high) > Number(p.low))
      .map(p => [p.partition, Number(p.high) - 1]),
  );
  if (pending.size === 0) return records;
  const consumer = fixtureKafka(clients).consumer({
    groupId: `test-reader-${unique()}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          // Nothing committed: the group leaves no trace on the broker.
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            records.set(
              message.key!.toString(),
              message.value ? JSON.parse(message.value.toString()) : null,
            );
            if (Number(message.offset) >= pending.get(partition)!) {
              pending.delete(partition);
              if (pending.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Registers a schema with an explicit subject level, as
 * schemaRegistry:schema:register does. Apicurio reports NONE for a subject
 * without one, whatever its global rule says.
 */
export async function registerSchema(
  clients: DataMeshClients,
  subject: string,
  fields: string[],
  level: CompatibilityLevel = 'BACKWARD',
): Promise<void> {
  await clients.registry.register(subject, {
    schema: avroSchema(fields),
    schemaType: 'AVRO',
  });
  await clients.registry.setCompatibility(subject, level);
}
