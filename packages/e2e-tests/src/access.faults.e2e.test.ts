import type {
  AccessRequest,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import { IsolatedStack, startIsolated } from '@kafka-mesh/local-stack';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RunningBackend, startBackend } from 'backend/testing';
import { PortalApi } from './__testUtils__/portalApi';
import {
  accessOf,
  actionsOf,
  decide,
  findRequest,
  firstRecordAs,
  kafkaAclsOf,
  OWNER,
  PRINCIPAL,
  PRINCIPAL_REF,
  publishRestrictedProduct,
  REQUESTER,
  requestAccess,
} from './__testUtils__/accessKit';
import { testResults } from './repoPaths';

// An owner approves while the broker is away, on a private stack (the
// shared one other test files use stays up): the approval is taken and
// stored at once, the grant waits as `applying` with the reason, the
// Access tab still answers with what the database knows, and once the
// broker is back the ACL worker creates the ACLs by itself, once.
jest.setTimeout(300_000);

/** How long the broker stays away: several runs of the ACL task (5 s). */
const BROKER_DOWN_MS = 20_000;

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-access-faults-${run}`;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('approving access while the broker is down', () => {
  let isolated: IsolatedStack;
  let backend: RunningBackend | undefined;
  let owner: PortalApi;
  let requester: PortalApi;
  let kafkaAdmin: Admin | undefined;
  let kafkaDown = false;
  /** Every password of the private stack a reply could leak. */
  let passwords: string[];
  const topics: string[] = [];

  const expectNoPassword = (what: unknown) => {
    const text = JSON.stringify(what);
    for (const password of passwords) {
      expect(text.includes(password)).toBe(false);
    }
  };

  beforeAll(async () => {
    isolated = await startIsolated();
    passwords = ['portal', 'admin', PRINCIPAL]
      .map(p => isolated.clientConfig(p).sasl?.password)
      .filter((p): p is string => Boolean(p));
    if (passwords.length !== 3) {
      throw new Error('the private stack gave no SCRAM passwords');
    }
    backend = await startBackend(
      { dataMesh: { registryTopic } },
      // The private stack has principals (and passwords) of its own.
      {
        cluster: isolated.clusterConfig('portal'),
        registryUrl: isolated.registryUrl,
        timeoutMs: 300_000,
      },
    );
    kafkaAdmin = createKafka(isolated.clusterConfig('admin'), {
      clientId: 'e2e-access-faults',
    }).admin();
    await kafkaAdmin.connect();
    const signIn = (user: string) =>
      eventually(() => PortalApi.signInAs(backend!.baseUrl, user), {
        deadlineMs: 120_000,
        intervalMs: 1000,
      });
    [owner, requester] = await Promise.all([signIn(OWNER), signIn(REQUESTER)]);
    await eventually(
      async () => {
        if (!(await owner.entity(PRINCIPAL_REF))) {
          throw new Error(`the catalog does not hold ${PRINCIPAL_REF} yet`);
        }
      },
      { deadlineMs: 120_000, intervalMs: 1000 },
    );
  }, 600_000);

  afterAll(async () => {
    if (kafkaDown) await isolated.startPart('kafka').catch(() => undefined);
    if (backend) {
      fs.mkdirSync(testResults, { recursive: true });
      fs.writeFileSync(
        path.join(testResults, 'access-faults-backend.log'),
        backend.output(),
      );
    }
    await backend?.stop();
    // The stack goes as a whole (its topics and ACLs with it); the topics
    // are deleted first all the same, should its removal fail.
    await kafkaAdmin
      ?.deleteTopics({ topics: [...topics, registryTopic] })
      .catch(() => undefined);
    await kafkaAdmin?.disconnect().catch(() => undefined);
    await isolated?.down();
  }, 180_000);

  it('takes the approval at once, keeps the grant applying while the broker is away, and applies it once the broker is back', async () => {
    const product: DataProductEntity = await publishRestrictedProduct({
      owner,
      admin: kafkaAdmin!,
      adminClient: isolated.clusterConfig('admin'),
      registryUrl: isolated.registryUrl,
      topics,
    });
    const topic = product.spec.output.topic;
    const groupPrefix = `${PRINCIPAL}-${run}-f-`;
    const consumer = isolated.clusterConfig(PRINCIPAL);
    // The private stack's tool sees the private broker: nothing granted yet.
    expect(kafkaAclsOf(['--topic', topic], isolated)).toEqual([]);

    const asked = await requestAccess(product, groupPrefix, requester);
    expect(asked.status).toBe(201);
    const id = asked.body.id;

    await kafkaAdmin!.disconnect();
    kafkaDown = true;
    const stoppedAt = Date.now();
    expect(await isolated.stopPart('kafka')).toBe(true);

    // The approval is the database's business: taken, not held up.
    const approveStarted = Date.now();
    const approved = await decide(id, 'approve', owner, 'While Kafka is away');
    const approveMs = Date.now() - approveStarted;
    expect({ status: approved.status, body: approved.body }).toEqual({
      status: 200,
      body: expect.objectContaining({
        status: 'approved',
        aclState: 'applying',
        decisionNote: 'While Kafka is away',
      }),
    });
    expect(approveMs).toBeLessThan(15_000);
    expectNoPassword(approved.body);

    // The Access tab answers from the database, the broker's side empty
    // with the reason.
    const viewStarted = Date.now();
    const { status, body } = await owner.request(
      'GET',
      `/api/data-mesh/products/default/${product.metadata.name}/access`,
    );
    const viewMs = Date.now() - viewStarted;
    expect(status).toBe(200);
    expect(body.aclsUnavailable).toEqual(expect.any(String));
    expect(body.acls).toEqual([]);
    expect(findRequest(body, id)?.aclState).toBe('applying');
    expectNoPassword(body);

    // The worker's failed attempts leave their reason on the grant.
    const failed: AccessRequest = await eventually(
      async () => {
        const grant = findRequest(await accessOf(product, owner), id);
        expect(grant?.aclError).toEqual(expect.any(String));
        return grant!;
      },
      { deadlineMs: BROKER_DOWN_MS, intervalMs: 1000 },
    );
    expect(failed.aclState).toBe('applying');
    expectNoPassword(failed);
    expect(actionsOf((await accessOf(product, owner)).history, id)).toEqual([
      'approved',
      'requested',
    ]);

    await sleep(Math.max(0, BROKER_DOWN_MS - (Date.now() - stoppedAt)));
    const downMs = Date.now() - stoppedAt;
    await isolated.startPart('kafka');
    kafkaDown = false;
    const restartedAt = Date.now();

    await eventually(
      async () => {
        const grant = findRequest(await accessOf(product, owner), id);
        expect(grant?.aclState).toBe('applied');
        expect(grant?.aclError).toBeUndefined();
      },
      { deadlineMs: 60_000, intervalMs: 1000 },
    );
    const appliedAfterMs = Date.now() - restartedAt;
    const access = await accessOf(product, owner);
    expect(access.aclsUnavailable).toBeUndefined();
    expect(actionsOf(access.history, id)).toEqual([
      'acls-created',
      'approved',
      'requested',
    ]);
    expect(access.drift).toEqual([]);
    expect(kafkaAclsOf(['--topic', topic], isolated)).toEqual([
      `User:${PRINCIPAL} DESCRIBE`,
      `User:${PRINCIPAL} READ`,
    ]);
    expect(
      kafkaAclsOf(
        ['--group', groupPrefix, '--resource-pattern-type', 'prefixed'], isolated),
    ).toEqual([`User:${PRINCIPAL} READ`]);
    expect(await firstRecordAs(consumer, topic, `${groupPrefix}1`)).toEqual({
      value: `first of ${product.metadata.name}`,
    });

    kafkaAdmin = createKafka(isolated.clusterConfig('admin'), {
      clientId: 'e2e-access-faults',
    }).admin();
    await kafkaAdmin.connect();
    // eslint-disable-next-line no-console
    console.log(
      `approve answered in ${approveMs} ms, the view in ${viewMs} ms with Kafka down; ` +
        `down ${downMs} ms; applied ${appliedAfterMs} ms after the restart`,
    );
  });
});
