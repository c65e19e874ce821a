import type {
  AccessAuditEvent,
  AccessRequest,
  DataProductEntity,
  NewAccessRequest,
  ProductAccessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createTopics,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  clusterConfig,
  runKafkaTool,
  type IsolatedStack,
  type StackClientConfig,
} from '@kafka-mesh/local-stack';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  KafkaJSGroupCoordinatorNotFound,
  ResourcePatternTypes,
} from 'kafkajs';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { PortalApi } from './portalApi';

// What the access workflow's end-to-end tests share: a consumer reading as
// a principal, Kafka's own kafka-acls as the witness, a restricted product
// published by its owner, and the REST calls of the Access tab.

/** packages/demo-mesh/catalog/principals.yaml */
export const OWNER = 'amara.okafor'; // checkout-team, owns makeDataProduct's products
export const REQUESTER = 'chloe.martin'; // customer-team, owns consumer-app-1
export const PRINCIPAL_REF = 'resource:default/consumer-app-1';
export const PRINCIPAL = 'consumer-app-1';

/** A client of the stack, as clusterConfig(principal) gives it. */
export type StackCluster = StackClientConfig & { name: string };

const avroSchema = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'e2e',
  fields: [{ name: 'paymentId', type: 'string' }],
});

/** Kafka error codes along kafkajs's wrappers. */
function errorTypes(error: any, depth = 0): string[] {
  if (!error || depth > 5) return [];
  return [
    ...(error.type ? [error.type] : []),
    ...errorTypes(error.originalError, depth + 1),
    ...errorTypes(error.cause, depth + 1),
  ];
}

/**
 * The first record of the topic as `client` (a principal of the shared
 * stack, or a client of any stack) reads it with a consumer group of its
 * own: its value, or the broker's refusal. The topic is asked first (its
 * metadata needs DESCRIBE, as a read does), so a refusal names the topic; a
 * group the principal may not use fails the coordinator lookup, which
 * kafkajs reports as "coordinator not found" without the broker's
 * GROUP_AUTHORIZATION_FAILED.
 */
export async function firstRecordAs(
  client: StackCluster | string,
  topic: string,
  groupId: string,
): Promise<{ value?: string; refused?: string }> {
  // A principal's name: the shared stack's client for it.
  const cluster = typeof client === 'string' ? clusterConfig(client) : client;
  const kafka = createKafka(cluster, { clientId: 'e2e-consumer', retries: 0 });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: [topic] });
  } catch (error) {
    const denied = errorTypes(error).find(t =>
      t.endsWith('_AUTHORIZATION_FAILED'),
    );
    if (denied) return { refused: denied };
    throw error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const value = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no record of ${topic} within 30 s`)),
        30_000,
      );
      consumer.on(consumer.events.CRASH, e => {
        clearTimeout(timer);
        reject(e.payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve(message.value!.toString('utf8'));
          },
        })
        .catch(reject);
    });
    return { value };
  } catch (error) {
    if (error instanceof KafkaJSGroupCoordinatorNotFound) {
      return { refused: 'GROUP_AUTHORIZATION_FAILED' };
    }
    const denied = errorTypes(error).find(t =>
      t.endsWith('_AUTHORIZATION_FAILED'),
    );
    if (denied) return { refused: denied };
    throw error;
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

/**
 * The ALLOW ACL lines `kafka-acls --list` prints for a resource, as
 * "principal operation", sorted; duplicates are kept (a set on the broker
 * never has any, but a listing that had them would show it).
 */
export function kafkaAclsOf(
  args: string[],
  stack: Pick<IsolatedStack, 'runKafkaTool'> = { runKafkaTool },
): string[] {
  const out = stack.runKafkaTool('kafka-acls', ['--list', ...args]);
  return [
    ...out.matchAll(
      /\(principal=(\S+), host=\*, operation=(\w+), permissionType=ALLOW\)/g,
    ),
  ]
    .map(m => `${m[1]} ${m[2]}`)
    .sort();
}

/**
 * Deletes the ACLs a test made, those of `principals` on its topics and
 * its group prefixes, and nothing else: tests in other workers use the
 * same principals on the same broker at the same time.
 */
export async function deleteTestAcls(
  admin: Admin,
  topics: readonly string[],
  groupPrefixes: readonly string[],
  principals: readonly string[] = [PRINCIPAL],
): Promise<void> {
  const filters = principals.flatMap(name => {
    const filter = (
      resourceType: AclResourceTypes,
      resourceName: string,
      resourcePatternType: ResourcePatternTypes,
    ) => ({
      resourceType,
      resourceName,
      resourcePatternType,
      principal: `User:${name}`,
      host: '*',
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return [
      ...topics.map(t =>
        filter(AclResourceTypes.TOPIC, t, ResourcePatternTypes.LITERAL),
      ),
      ...groupPrefixes.map(g =>
        filter(AclResourceTypes.GROUP, g, ResourcePatternTypes.PREFIXED),
      ),
    ];
  });
  if (filters.length > 0) await admin.deleteAcls({ filters });
}

/**
 * Makes a product of the checkout team with one record on its topic (as the
 * broker's admin of `admin`'s stack) and publishes it through the portal as
 * its owner; resolves once the portal's catalog holds it.
 */
export async function publishRestrictedProduct(options: {
  owner: PortalApi;
  admin: Admin;
  adminClient: StackCluster;
  registryUrl: string;
  topics: string[];
  /** `restricted` unless given. */
  classification?: DataProductEntity['spec']['classification'];
}): Promise<DataProductEntity> {
  const { owner, admin, adminClient, registryUrl, topics } = options;
  const name = `payments-${randomUUID().slice(0, 8)}`;
  const topic = `commerce.${name}.v1`;
  topics.push(topic);
  await createTopics(admin, {
    topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
  });
  await new SchemaRegistryRestClient({ url: registryUrl }).register(
    `${topic}-value`,
    { schema: avroSchema, schemaType: 'AVRO' },
  );
  const producer = createKafka(adminClient, { clientId: 'e2e' }).producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: `first of ${name}` }] });
  await producer.disconnect();
  const product = makeDataProduct(name, topic, {
    classification: options.classification ?? 'restricted',
  });
  const put = await owner.request(
    'PUT',
    `/api/data-mesh/products/default/${name}`,
    product,
  );
  expect(put.status).toBe(201);
  await eventually(async () => {
    expect(await owner.entity(`dataproduct:default/${name}`)).toBeDefined();
  });
  return product;
}

/** The Access tab's view of a product, as `as` sees it (200 expected). */
export async function accessOf(
  product: DataProductEntity,
  as: PortalApi,
): Promise<ProductAccessResponse> {
  const { status, body } = await as.request<ProductAccessResponse>(
    'GET',
    `/api/data-mesh/products/default/${product.metadata.name}/access`,
  );
  expect({ status, body }).toEqual({ status: 200, body: expect.anything() });
  return body;
}

/** A request for consumer-app-1 (fields of `overrides` replace the defaults). */
export const requestAccess = (
  product: DataProductEntity,
  groupPrefix: string,
  as: PortalApi,
  overrides: Partial<Record<keyof NewAccessRequest, string>> = {},
) =>
  as.request<AccessRequest>(
    'POST',
    `/api/data-mesh/products/default/${product.metadata.name}/access-requests`,
    {
      principal: PRINCIPAL_REF,
      groupPrefix,
      purpose: 'Reconcile payments in the customer ledger',
      duration: 'P7D',
      ...overrides,
    },
  );

export const decide = (
  id: string,
  decision: 'approve' | 'deny' | 'revoke',
  as: PortalApi,
  note?: string,
) =>
  as.request<AccessRequest>(
    'POST',
    `/api/data-mesh/access-requests/${id}/${decision}`,
    { note },
  );

/** One request's audit actions in a product's history, oldest first, sorted. */
export const actionsOf = (history: AccessAuditEvent[], id: string) =>
  history
    .filter(e => e.requestId === id)
    .map(e => e.action)
    .sort();

/** The request among the product's pending requests and grants, if there. */
export const findRequest = (access: ProductAccessResponse, id: string) =>
  [...access.pending, ...access.grants].find(r => r.id === id);
