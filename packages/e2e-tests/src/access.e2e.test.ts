import type {
  AccessRequest,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
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
import { RunningBackend, startBackend } from 'backend/testing';
import {
  accessOf as accessAs,
  decide as decideAs,
  deleteTestAcls,
  firstRecordAs,
  kafkaAclsOf,
  OWNER,
  PRINCIPAL,
  PRINCIPAL_REF,
  publishRestrictedProduct,
  requestAccess as requestAs,
  REQUESTER,
} from './__testUtils__/accessKit';
import { PortalApi } from './__testUtils__/portalApi';

// Access to a restricted product, end to end on the secured broker: the
// real portal (its permission policy, database and ACL worker), the users
// of app-config.yaml signed in side by side, a consumer authenticating as
// the requested principal, and Kafka's own kafka-acls tool as the witness.
jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-access-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const GUEST = 'guest'; // owns no principal

describe('access to a restricted data product on the secured broker', () => {
  let backend: RunningBackend;
  let owner: PortalApi;
  let requester: PortalApi;
  let guest: PortalApi;
  let kafkaAdmin: Admin;
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  const topics: string[] = [];

  /** A product of the checkout team, published by its owner, with one record. */
  const publishedProduct = (
    classification: DataProductEntity['spec']['classification'],
  ) =>
    publishRestrictedProduct({
      owner,
      admin: kafkaAdmin,
      adminClient: clusterConfig('admin'),
      registryUrl,
      topics,
      classification,
    });

  const accessOf = (product: DataProductEntity) => accessAs(product, owner);

  /** A request for consumer-app-1 with the given fields. */
  const requestAccess = (
    product: DataProductEntity,
    { groupPrefix, ...overrides }: Record<string, string>,
    as = requester,
  ) => requestAs(product, groupPrefix, as, overrides);

  const decide = (
    id: string,
    decision: 'approve' | 'deny' | 'revoke',
    as = owner,
    note?: string,
  ) => decideAs(id, decision, as, note);

  /** Waits for the ACL worker to bring a request's ACLs to `state`. */
  async function aclStateBecomes(
    product: DataProductEntity,
    id: string,
    state: AccessRequest['aclState'],
  ): Promise<void> {
    await eventually(
      async () => {
        const access = await accessOf(product);
        const all = [...access.grants, ...access.pending];
        const history = access.history.filter(e => e.requestId === id);
        const found = all.find(r => r.id === id);
        const removed =
          !found && history.some(e => e.action === 'acls-deleted');
        const reached =
          state === 'removed' ? removed : found?.aclState === state;
        if (!reached) {
          throw new Error(
            `request ${id}: ACLs ${found?.aclState ?? 'ended'}, not ${state}`,
          );
        }
      },
      { deadlineMs: 60_000, intervalMs: 500 },
    );
  }

  /** The titles of a user's notifications that mention the product. */
  async function notificationsOf(
    as: PortalApi,
    product: DataProductEntity,
  ): Promise<string[]> {
    const { status, body } = await as.request(
      'GET',
      '/api/notifications/notifications?limit=50',
    );
    expect(status).toBe(200);
    return (body.notifications as Array<{ payload: { title: string } }>)
      .map(n => n.payload.title)
      .filter(title => title.includes(product.metadata.name))
      .sort();
  }

  beforeAll(async () => {
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    backend = await startBackend({ dataMesh: { registryTopic } });
    [owner, requester, guest] = await Promise.all(
      [OWNER, REQUESTER, GUEST].map(user =>
        eventually(() => PortalApi.signInAs(backend.baseUrl, user), {
          deadlineMs: 120_000,
          intervalMs: 1000,
        }),
      ),
    );
    // The principals are catalog entities of the demo's organisation.
    await eventually(
      async () => {
        if (!(await owner.entity(PRINCIPAL_REF))) {
          throw new Error(`${PRINCIPAL_REF} is not in the catalog yet`);
        }
      },
      { deadlineMs: 120_000, intervalMs: 1000 },
    );
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    if (kafkaAdmin) {
      // Only this test's ACLs: other workers use the same principals.
      await deleteTestAcls(
        kafkaAdmin,
        topics,
        ['a', 'b', 'c', 'd'].map(g => `${PRINCIPAL}-${run}-${g}-`),
        [PRINCIPAL, 'consumer-app-3'],
      ).catch(() => undefined);
      await kafkaAdmin
        .deleteTopics({ topics: [...topics, registryTopic] })
        .catch(() => undefined);
      await kafkaAdmin.disconnect();
    }
    for (const topic of topics) {
      await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
    }
  });

  it('refuses reads before approval, grants them on approval and takes them back on revocation, as kafka-acls shows', async () => {
    const product = await publishedProduct('restricted');
    const topic = product.spec.output.topic;
    const groupPrefix = `${PRINCIPAL}-${run}-a-`;

    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}1`)).toEqual({
      refused: 'TOPIC_AUTHORIZATION_FAILED',
    });

    const asked = await requestAccess(product, {
      principal: PRINCIPAL_REF,
      groupPrefix,
      purpose: 'Reconcile payments in the customer ledger',
      duration: 'P7D',
    });
    expect(asked.status).toBe(201);
    const request = asked.body as AccessRequest;
    expect(request).toMatchObject({
      status: 'pending',
      approvalRequired: true,
      principal: `User:${PRINCIPAL}`,
      aclState: 'none',
    });
    expect((await accessOf(product)).pending.map(r => r.id)).toEqual([
      request.id,
    ]);
    // The owners hear of it.
    const ref = `dataproduct:default/${product.metadata.name}`;
    await eventually(async () =>
      expect(await notificationsOf(owner, product)).toEqual([
        `User:${PRINCIPAL} asks for read access to ${ref}`,
      ]),
    );
    // Still nothing on the broker while it waits.
    expect(kafkaAclsOf(['--topic', topic])).toEqual([]);

    // Only an owner decides.
    const byRequester = await decide(request.id, 'approve', requester);
    expect(byRequester.status).toBe(403);

    const approved = await decide(request.id, 'approve', owner, 'For Q4');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: `user:default/${OWNER}`,
      decisionNote: 'For Q4',
    });
    await aclStateBecomes(product, request.id, 'applied');
    // The requester hears of it.
    await eventually(async () =>
      expect(await notificationsOf(requester, product)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Access of User:${PRINCIPAL} to ${ref} was approved until `,
          ),
        ),
      ]),
    );

    // Exactly the grant's ACLs, as Kafka's own tool lists them.
    expect(kafkaAclsOf(['--topic', topic])).toEqual([
      `User:${PRINCIPAL} DESCRIBE`,
      `User:${PRINCIPAL} READ`,
    ]);
    expect(
      kafkaAclsOf([
        '--group',
        groupPrefix,
        '--resource-pattern-type',
        'prefixed',
      ]),
    ).toEqual([`User:${PRINCIPAL} READ`]);
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}2`)).toEqual({
      value: `first of ${product.metadata.name}`,
    });
    // A group outside the granted prefix stays closed.
    expect(
      await firstRecordAs(PRINCIPAL, topic, `${PRINCIPAL}-other-${run}`),
    ).toEqual({ refused: 'GROUP_AUTHORIZATION_FAILED' });

    // Approving twice changes nothing.
    const again = await decide(request.id, 'approve', owner, 'again');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ decisionNote: 'For Q4' });
    const access = await accessOf(product);
    expect(
      access.history
        .filter(e => e.requestId === request.id)
        .map(e => e.action)
        .sort(),
    ).toEqual(['acls-created', 'approved', 'requested']);
    expect(access.drift).toEqual([]);
    // The Access tab's "who can read": the topic's ACLs and the grant's group.
    expect(
      access.acls
        .filter(a => a.principal === `User:${PRINCIPAL}`)
        .map(a => `${a.resourceType} ${a.resourceName} ${a.operation}`)
        .sort(),
    ).toEqual([
      `group ${groupPrefix} read`,
      `topic ${topic} describe`,
      `topic ${topic} read`,
    ]);

    const revoked = await decide(request.id, 'revoke', owner, 'Project ended');
    expect(revoked.status).toBe(200);
    await aclStateBecomes(product, request.id, 'removed');
    expect(kafkaAclsOf(['--topic', topic])).toEqual([]);
    expect(
      kafkaAclsOf([
        '--group',
        groupPrefix,
        '--resource-pattern-type',
        'prefixed',
      ]),
    ).toEqual([]);
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}3`)).toEqual({
      refused: 'TOPIC_AUTHORIZATION_FAILED',
    });

    // The audit names who did what, with the ACLs.
    const history = (await accessOf(product)).history.filter(
      e => e.requestId === request.id,
    );
    expect(history.find(e => e.action === 'revoked')).toMatchObject({
      actor: `user:default/${OWNER}`,
      note: 'Project ended',
    });
    expect(history.find(e => e.action === 'acls-deleted')?.acls).toHaveLength(
      3,
    );
  });

  it('takes an expired grant back by itself', async () => {
    const product = await publishedProduct('confidential');
    const topic = product.spec.output.topic;
    const groupPrefix = `${PRINCIPAL}-${run}-b-`;
    const asked = await requestAccess(product, {
      principal: PRINCIPAL_REF,
      groupPrefix,
      purpose: 'A short look at the data',
      duration: 'PT20S',
    });
    expect(asked.status).toBe(201);
    const approved = await decide(asked.body.id, 'approve');
    expect(approved.status).toBe(200);
    await aclStateBecomes(product, asked.body.id, 'applied');
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}1`)).toEqual({
      value: `first of ${product.metadata.name}`,
    });

    await aclStateBecomes(product, asked.body.id, 'removed');
    const history = (await accessOf(product)).history.filter(
      e => e.requestId === asked.body.id,
    );
    expect(history.find(e => e.action === 'expired')).toMatchObject({
      actor: 'system',
    });
    expect(kafkaAclsOf(['--topic', topic])).toEqual([]);
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}2`)).toEqual({
      refused: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });

  it('lets an internal product in without an owner, and flags ACLs nobody asked for', async () => {
    const product = await publishedProduct('internal');
    const topic = product.spec.output.topic;
    const groupPrefix = `${PRINCIPAL}-${run}-c-`;
    const asked = await requestAccess(product, {
      principal: PRINCIPAL_REF,
      groupPrefix,
      purpose: 'Dashboards',
      duration: 'P30D',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'approved',
      approvalRequired: false,
      decidedBy: 'system',
    });
    await aclStateBecomes(product, asked.body.id, 'applied');
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}1`)).toEqual({
      value: `first of ${product.metadata.name}`,
    });

    // Someone grants consumer-app-3 by hand, past the portal.
    await kafkaAdmin.createAcls({
      acl: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: topic,
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: 'User:consumer-app-3',
          host: '*',
          operation: AclOperationTypes.READ,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
    const access = await accessOf(product);
    expect(access.drift).toEqual([
      expect.objectContaining({
        kind: 'unrequested',
        acl: expect.objectContaining({
          principal: 'User:consumer-app-3',
          operation: 'read',
        }),
      }),
    ]);
  });

  it('refuses bad requests with the reason', async () => {
    const product = await publishedProduct('restricted');
    const valid = {
      principal: PRINCIPAL_REF,
      groupPrefix: `${PRINCIPAL}-${run}-d-`,
      purpose: 'Reconciliation',
      duration: 'P7D',
    };
    const cases = [
      // A principal the catalog does not know.
      [requester, { ...valid, principal: 'resource:default/no-such-app' }, 400],
      // A principal of another team.
      [guest, valid, 403],
      // One's own product.
      [owner, { ...valid, principal: 'resource:default/consumer-app-2' }, 400],
      // Beyond the maximum duration.
      [requester, { ...valid, duration: 'P365D' }, 400],
      // The portal's own consumer groups.
      [requester, { ...valid, groupPrefix: 'backstage-data-mesh-x' }, 400],
    ] as const;
    for (const [as, body, status] of cases) {
      const reply = await requestAccess(product, body, as);
      expect({ body, status: reply.status }).toEqual({ body, status });
      expect((reply.body as any).error.message).toEqual(expect.any(String));
    }
    const first = await requestAccess(product, valid);
    expect(first.status).toBe(201);
    // A second open request for the same principal.
    const second = await requestAccess(product, valid);
    expect(second.status).toBe(409);
    // A non-owner may not deny either.
    expect((await decide(first.body.id, 'deny', guest)).status).toBe(403);
    const denied = await decide(
      first.body.id,
      'deny',
      owner,
      'Use the EU view',
    );
    expect(denied.body).toMatchObject({ status: 'denied', aclState: 'none' });
    expect(kafkaAclsOf(['--topic', product.spec.output.topic])).toEqual([]);
  });
});
