import { SchemaType } from '@kafkajs/confluent-schema-registry';
import type {
  AccessRequest,
  DataProductEntity,
  ProductAccessResponse,
  ProductConsumersResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { ANNOTATION_CONSUMER_GROUPS } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createSchemaRegistry,
  createTopics,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningBackend, startBackend } from 'backend/testing';
import { GeneratedRepo } from './__testUtils__/generatedRepo';
import { describeRun, PortalApi, relationsOf } from './__testUtils__/portalApi';
import { testResults } from './repoPaths';

// A consumer app for a restricted product, end to end: the requester's
// team runs Create consumer app with its Kafka principal, the template
// asks for access on their behalf (dataMesh:access:request through the
// data mesh REST API), the generated app, logged in as that principal on
// the secured broker, is refused until the product's owner approves, then
// reads the records, and its consumer group puts it in the product's
// lineage.
jest.setTimeout(300_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-consumer-access-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const OWNER = 'amara.okafor'; // checkout-team: owns the product
const REQUESTER = 'chloe.martin'; // customer-team: owns consumer-app-1

/** packages/demo-mesh/catalog/principals.yaml */
const PRINCIPAL_REF = 'resource:default/consumer-app-1';
const PRINCIPAL = 'consumer-app-1';

const productName = `ledger-payments-${run}`;
const topic = `commerce.${productName}.v1`;
const productRef = `dataproduct:default/${productName}`;
const appName = `payments-ledger-${run}`;
const appRef = `component:default/${appName}`;
// The template's consumer group defaults to the app's name, and is the
// access request's group prefix.
const group = appName;

const paymentSchema = {
  type: 'record',
  name: 'Payment',
  namespace: 'e2e',
  fields: [
    { name: 'paymentId', type: 'string' },
    { name: 'amountCents', type: 'long' },
  ],
};
const payments = [1, 2, 3].map(n => ({
  paymentId: `pay-${run}-${n}`,
  amountCents: 1000 * n,
}));

describe('Create consumer app for a restricted product, with its access request', () => {
  let backend: RunningBackend;
  let owner: PortalApi;
  let requester: PortalApi;
  let admin: Admin;
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  const reposRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-access-app-'));
  // The generated app runs as the principal it was created for, with the
  // password the local stack gave it (clientConfig('consumer-app-1')).
  const appRepo = new GeneratedRepo(path.join(reposRoot, appName), {
    principal: PRINCIPAL,
  });
  let requestId: string | undefined;

  const accessOf = async () => {
    const { status, body } = await owner.request<ProductAccessResponse>(
      'GET',
      `/api/data-mesh/products/default/${productName}/access`,
    );
    expect(status).toBe(200);
    return body;
  };

  const requestOf = async (id: string) => {
    const access = await accessOf();
    return [...access.pending, ...access.grants].find(r => r.id === id);
  };

  /** The product of the checkout team, published by its owner, with records. */
  async function publishProduct() {
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    // Encoded as producers do, so that the app decodes them via the registry.
    const schemas = createSchemaRegistry({ url: registryUrl });
    const { id } = await schemas.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(paymentSchema) },
      { subject: `${topic}-value` },
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: await Promise.all(
        payments.map(async p => ({
          key: p.paymentId,
          value: await schemas.encode(id, p),
        })),
      ),
    });
    await producer.disconnect();
    const product: DataProductEntity = makeDataProduct(productName, topic, {
      classification: 'restricted',
    });
    const put = await owner.request(
      'PUT',
      `/api/data-mesh/products/default/${productName}`,
      product,
    );
    expect(put.status).toBe(201);
    await eventually(async () => {
      expect(await requester.entity(productRef)).toBeDefined();
    });
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    backend = await startBackend({
      dataMesh: {
        registryTopic,
        scaffolder: { localRepositories: { root: reposRoot } },
        // Consumer groups are read every minute by default; the lineage
        // check should not wait that long.
        catalog: {
          consumerGroupSchedule: {
            frequency: { seconds: 3 },
            timeout: { seconds: 30 },
          },
        },
      },
    });
    [owner, requester] = await Promise.all(
      [OWNER, REQUESTER].map(user =>
        eventually(() => PortalApi.signInAs(backend.baseUrl, user), {
          deadlineMs: 120_000,
          intervalMs: 1000,
        }),
      ),
    );
    // The principal and the template are catalog entities.
    await eventually(
      async () => {
        for (const ref of [
          PRINCIPAL_REF,
          'template:default/create-consumer-app',
        ]) {
          if (!(await requester.entity(ref))) {
            throw new Error(`the catalog does not hold ${ref} yet`);
          }
        }
      },
      { deadlineMs: 120_000, intervalMs: 1000 },
    );
    await publishProduct();
  }, 360_000);

  afterAll(async () => {
    await appRepo.stopAll();
    // Take the grant back the portal's way, so that its ACLs go (a request
    // still pending, after a failure, is denied instead).
    const end = (decision: string) =>
      owner
        .request(
          'POST',
          `/api/data-mesh/access-requests/${requestId}/${decision}`,
          {
            note: 'e2e cleanup',
          },
        )
        .then(
          r => r.status,
          () => 0,
        );
    if (owner && requestId && (await end('revoke')) !== 200) {
      await end('deny');
    } else if (owner && requestId) {
      // Until the ACL worker has deleted its ACLs.
      await eventually(
        async () => {
          const { history } = await accessOf();
          if (
            !history.some(
              e => e.requestId === requestId && e.action === 'acls-deleted',
            )
          ) {
            throw new Error(`request ${requestId} still holds its ACLs`);
          }
        },
        { deadlineMs: 30_000, intervalMs: 500 },
      ).catch(() => undefined);
    }
    if (backend) {
      fs.mkdirSync(testResults, { recursive: true });
      fs.writeFileSync(
        path.join(testResults, 'consumer-app-access-e2e-backend.log'),
        backend.output(),
      );
    }
    await backend?.stop();
    if (admin) {
      // Whatever the worker left: only this test's topic and group prefix
      // (other tests use consumer-app-1 at the same time).
      for (const [resourceType, resourceName, patternType] of [
        [AclResourceTypes.TOPIC, topic, ResourcePatternTypes.LITERAL],
        [AclResourceTypes.GROUP, group, ResourcePatternTypes.PREFIXED],
      ] as const) {
        await admin
          .deleteAcls({
            filters: [
              {
                resourceType,
                resourceName,
                resourcePatternType: patternType,
                principal: `User:${PRINCIPAL}`,
                host: '*',
                operation: AclOperationTypes.ANY,
                permissionType: AclPermissionTypes.ANY,
              },
            ],
          })
          .catch(() => undefined);
      }
      await admin.deleteGroups([group]).catch(() => undefined);
      await admin
        .deleteTopics({ topics: [topic, registryTopic] })
        .catch(() => undefined);
      await admin.disconnect();
    }
    await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
    fs.rmSync(reposRoot, { recursive: true, force: true });
  });

  it('asks for access as the requester, reads once the owner approves, and joins the lineage', async () => {
    // 1. The requester's team creates the app, for its principal.
    const result = await requester.runTemplate('create-consumer-app', {
      name: appName,
      description: 'Reconciles payments in the customer ledger.',
      owner: 'group:default/customer-team',
      products: [productRef],
      principal: PRINCIPAL_REF,
    });
    if (result.status !== 'completed') throw new Error(describeRun(result));
    const accessUrl = `/catalog/default/dataproduct/${productName}/access`;
    expect(result.output.accessRequests).toEqual({
      requestId: [expect.any(String)],
      status: ['pending'],
      accessUrl: [accessUrl],
      product: [productRef],
      kafkaPrincipal: [`User:${PRINCIPAL}`],
    });
    requestId = result.output.accessRequests.requestId[0] as string;
    expect(result.output.text).toEqual([
      expect.objectContaining({
        title: 'Access requests',
        content: `- [${productRef}](${accessUrl}): **pending** (an owner decides)\n`,
      }),
    ]);

    // The request, as the product's owner sees it: made by the requester,
    // for the principal and the app's group, with the app's purpose.
    const request = (await requestOf(requestId)) as AccessRequest;
    expect(request).toMatchObject({
      product: productRef,
      principalRef: PRINCIPAL_REF,
      principal: `User:${PRINCIPAL}`,
      groupPrefix: group,
      purpose: 'Reconciles payments in the customer ledger.',
      duration: 'P30D',
      requestedBy: `user:default/${REQUESTER}`,
      status: 'pending',
      approvalRequired: true,
      aclState: 'none',
    });

    // 2. The generated app, logged in as its principal, is refused.
    const app = await eventually(async () => {
      const found = await requester.entity(appRef);
      expect(found).toBeDefined();
      return found!;
    });
    expect(app.metadata.annotations?.[ANNOTATION_CONSUMER_GROUPS]).toBe(
      `local/${group}`,
    );
    appRepo.install();
    const refused = await appRepo.node('src/consumer.ts');
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('TOPIC_AUTHORIZATION_FAILED');
    expect(refused.output).not.toContain(`${productRef}: `);

    // 3. The owner approves; the ACL worker grants the ACLs.
    const approved = await owner.request(
      'POST',
      `/api/data-mesh/access-requests/${requestId}/approve`,
      { note: 'For the ledger' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: `user:default/${OWNER}`,
    });
    await eventually(
      async () =>
        expect((await requestOf(requestId!))?.aclState).toBe('applied'),
      { deadlineMs: 60_000, intervalMs: 500 },
    );

    // 4. The same app now reads every record.
    const consumer = appRepo.start('src/consumer.ts');
    await eventually(
      async () => {
        for (const payment of payments) {
          expect(consumer.output()).toContain(
            `${productRef}: ${JSON.stringify(payment)}`,
          );
        }
      },
      { deadlineMs: 60_000, intervalMs: 500 },
    );
    expect(consumer.output()).not.toContain('AUTHORIZATION_FAILED');
    // Its group committed its offsets: what the lineage is made of.
    await eventually(
      async () => {
        const [offsets] = await admin.fetchOffsets({
          groupId: group,
          topics: [topic],
        });
        expect(offsets.partitions.map(p => p.offset)).toEqual([
          String(payments.length),
        ]);
      },
      { deadlineMs: 60_000, intervalMs: 500 },
    );
    await appRepo.stopAll();

    // 5. The lineage: the product's consumers name the group and the app,
    // and the catalog relates the two.
    await eventually(
      async () => {
        const { status, body } =
          await requester.request<ProductConsumersResponse>(
            'GET',
            `/api/data-mesh/products/default/${productName}/consumers`,
          );
        expect(status).toBe(200);
        expect(body.groups).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              groupId: group,
              totalLag: 0,
              component: appRef,
            }),
          ]),
        );
      },
      { deadlineMs: 60_000, intervalMs: 1000 },
    );
    await eventually(
      async () => {
        expect(
          relationsOf(await requester.entity(appRef), 'dependsOn'),
        ).toContain(productRef);
        expect(
          relationsOf(await requester.entity(productRef), 'dependencyOf'),
        ).toContain(appRef);
      },
      { deadlineMs: 90_000, intervalMs: 1000 },
    );
  });
});
