import type {
  AccessRequest,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import type { Admin } from 'kafkajs';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  RunningBackend,
  startBackend,
  startTestPostgres,
  TestPostgres,
} from 'backend/testing';
import { PortalApi } from './__testUtils__/portalApi';
import {
  accessOf,
  actionsOf,
  decide,
  deleteTestAcls,
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

// The access workflow as production runs it: PostgreSQL, and two replicas
// of the real portal on the one database and the shared secured broker.
// Whatever replica an owner clicks on, and however many click at once, a
// grant's ACLs are created once, audited once, and removed once.
jest.setTimeout(300_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-replicas-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';
/** Two runs of the scheduled ACL task (every 5 s) and then some. */
const SETTLE_MS = 12_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** One SQL query through psql against the throwaway server; rows as text. */
function psql(pg: TestPostgres, database: string, sql: string): string[] {
  const dir = '/usr/lib/postgresql';
  const version = fs
    .readdirSync(dir)
    .filter(v => fs.existsSync(path.join(dir, v, 'bin', 'psql')))
    .sort((a, b) => Number(b) - Number(a))[0];
  const result = spawnSync(
    path.join(dir, version, 'bin', 'psql'),
    [
      '-h',
      pg.host,
      '-p',
      String(pg.port),
      '-U',
      pg.user,
      '-d',
      database,
      '-At',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      sql,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`psql failed: ${result.error?.message ?? result.stderr}`);
  }
  return result.stdout.split('\n').filter(Boolean);
}

describe('the access workflow on PostgreSQL with two replicas', () => {
  let pg: TestPostgres;
  let replicaA: RunningBackend | undefined;
  let replicaB: RunningBackend | undefined;
  let ownerA: PortalApi;
  let ownerB: PortalApi;
  let requester: PortalApi;
  let kafkaAdmin: Admin;
  const topics: string[] = [];
  const groupPrefixes: string[] = [];
  const consumer = clusterConfig(PRINCIPAL);

  const backendConfig = () => ({
    dataMesh: { registryTopic },
    backend: {
      database: {
        client: 'pg',
        connection: { host: pg.host, port: pg.port, user: pg.user },
      },
    },
  });

  const newGroupPrefix = (label: string) => {
    const prefix = `${PRINCIPAL}-${run}-${label}-`;
    groupPrefixes.push(prefix);
    return prefix;
  };

  const publish = () =>
    publishRestrictedProduct({
      owner: ownerA,
      admin: kafkaAdmin,
      adminClient: clusterConfig('admin'),
      registryUrl,
      topics,
    });

  /** Both replicas see the request's ACLs in `state`. */
  const aclStateOnBoth = (
    product: DataProductEntity,
    id: string,
    state: AccessRequest['aclState'] | 'removed',
  ) =>
    eventually(
      async () => {
        for (const as of [ownerA, ownerB]) {
          const access = await accessOf(product, as);
          if (state === 'removed') {
            expect(findRequest(access, id)).toBeUndefined();
            expect(actionsOf(access.history, id)).toContain('acls-deleted');
          } else {
            expect(findRequest(access, id)?.aclState).toBe(state);
          }
        }
      },
      { deadlineMs: 60_000, intervalMs: 500 },
    );

  /** The request's audit actions, read through each replica: the same. */
  const auditOnBoth = async (product: DataProductEntity, id: string) => {
    const [onA, onB] = await Promise.all(
      [ownerA, ownerB].map(async as =>
        actionsOf((await accessOf(product, as)).history, id),
      ),
    );
    expect(onB).toEqual(onA);
    return onA;
  };

  beforeAll(async () => {
    kafkaAdmin = createKafka(clusterConfig('admin'), {
      clientId: 'e2e-replicas',
    }).admin();
    await kafkaAdmin.connect();
    pg = await startTestPostgres();
    // One after the other, as a rolling deployment starts them: A creates
    // and migrates the plugin databases, B finds them migrated. (Started at
    // the same moment on an empty server, Backstage's own catalog and
    // user-settings plugins lose knex's migration lock race and the
    // backend fails to start: "Migration table is already locked".)
    replicaA = await startBackend(backendConfig(), { timeoutMs: 300_000 });
    replicaB = await startBackend(backendConfig(), { timeoutMs: 300_000 });
    const signIn = (backend: RunningBackend, user: string) =>
      eventually(() => PortalApi.signInAs(backend.baseUrl, user), {
        deadlineMs: 120_000,
        intervalMs: 1000,
      });
    [ownerA, ownerB, requester] = await Promise.all([
      signIn(replicaA!, OWNER),
      signIn(replicaB!, OWNER),
      signIn(replicaA!, REQUESTER),
    ]);
    await eventually(
      async () => {
        for (const as of [ownerA, ownerB]) {
          if (!(await as.entity(PRINCIPAL_REF))) {
            throw new Error(`the catalog does not hold ${PRINCIPAL_REF} yet`);
          }
        }
      },
      { deadlineMs: 120_000, intervalMs: 1000 },
    );
  }, 600_000);

  afterAll(async () => {
    fs.mkdirSync(testResults, { recursive: true });
    for (const [label, backend] of [
      ['a', replicaA],
      ['b', replicaB],
    ] as const) {
      if (backend) {
        fs.writeFileSync(
          path.join(testResults, `access-replicas-${label}-backend.log`),
          backend.output(),
        );
      }
    }
    await Promise.all([replicaA?.stop(), replicaB?.stop()]);
    if (kafkaAdmin) {
      await deleteTestAcls(kafkaAdmin, topics, groupPrefixes).catch(
        () => undefined,
      );
      await kafkaAdmin
        .deleteTopics({ topics: [...topics, registryTopic] })
        .catch(() => undefined);
      await kafkaAdmin.disconnect();
    }
    // The registry's subjects go with their topics' names; none are reused.
    pg?.stop();
  }, 120_000);

  it('migrates the access tables on PostgreSQL, once, with both replicas up', () => {
    const databases = psql(
      pg,
      'postgres',
      "SELECT datname FROM pg_database WHERE datname LIKE '%data-mesh%'",
    );
    expect(databases).toEqual(['backstage_plugin_data-mesh']);
    const tables = psql(
      pg,
      databases[0],
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables).toEqual(
      expect.arrayContaining(['access_audit_events', 'access_requests']),
    );
    expect(
      psql(
        pg,
        databases[0],
        "SELECT name FROM knex_migrations WHERE name LIKE '%access%'",
      ),
    ).toEqual(['20261204_access_init.js']);
  });

  it('applies an approval made on the other replica once: one set of ACLs, one acls-created, a consumer that reads', async () => {
    const product = await publish();
    const topic = product.spec.output.topic;
    const groupPrefix = newGroupPrefix('a');

    const asked = await requestAccess(product, groupPrefix, requester);
    expect(asked.status).toBe(201);
    const id = asked.body.id;
    expect(asked.body).toMatchObject({ status: 'pending', aclState: 'none' });
    // The pending request is on replica B too: one database.
    expect(findRequest(await accessOf(product, ownerB), id)?.status).toBe(
      'pending',
    );

    const approved = await decide(id, 'approve', ownerB, 'Approved on B');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: `user:default/${OWNER}`,
      decisionNote: 'Approved on B',
    });
    await aclStateOnBoth(product, id, 'applied');
    // Both replicas' scheduled workers get their turns at the table.
    await sleep(SETTLE_MS);

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
    expect(await auditOnBoth(product, id)).toEqual([
      'acls-created',
      'approved',
      'requested',
    ]);
    expect((await accessOf(product, ownerA)).drift).toEqual([]);
    expect(await firstRecordAs(consumer, topic, `${groupPrefix}1`)).toEqual({
      value: `first of ${product.metadata.name}`,
    });
  });

  it('records one approval when owners approve on both replicas at the same moment, and removes the ACLs once on revocation', async () => {
    const product = await publish();
    const topic = product.spec.output.topic;
    const groupPrefix = newGroupPrefix('b');
    const asked = await requestAccess(product, groupPrefix, requester);
    expect(asked.status).toBe(201);
    const id = asked.body.id;

    const [onA, onB] = await Promise.all([
      decide(id, 'approve', ownerA, 'From A'),
      decide(id, 'approve', ownerB, 'From B'),
    ]);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    // One decision stands; the other call answers with it, unchanged.
    for (const reply of [onA, onB]) {
      expect(reply.body).toMatchObject({ status: 'approved', id });
    }
    expect(['From A', 'From B']).toContain(onA.body.decisionNote);
    expect(onB.body.decisionNote).toBe(onA.body.decisionNote);
    expect(onB.body.decidedAt).toBe(onA.body.decidedAt);
    expect(onB.body.expiresAt).toBe(onA.body.expiresAt);

    await aclStateOnBoth(product, id, 'applied');
    await sleep(SETTLE_MS);
    expect(await auditOnBoth(product, id)).toEqual([
      'acls-created',
      'approved',
      'requested',
    ]);
    const approval = (await accessOf(product, ownerB)).history.find(
      e => e.requestId === id && e.action === 'approved',
    );
    expect(approval?.note).toBe(onA.body.decisionNote);
    expect(kafkaAclsOf(['--topic', topic])).toEqual([
      `User:${PRINCIPAL} DESCRIBE`,
      `User:${PRINCIPAL} READ`,
    ]);
    expect(await firstRecordAs(consumer, topic, `${groupPrefix}1`)).toEqual({
      value: `first of ${product.metadata.name}`,
    });

    // Revoked on A (and at the same moment on B: that one finds it revoked).
    const [revokedA, revokedB] = await Promise.all([
      decide(id, 'revoke', ownerA, 'Project ended'),
      decide(id, 'revoke', ownerB, 'Project ended too'),
    ]);
    expect([revokedA.status, revokedB.status].sort()).toEqual([200, 409]);
    await aclStateOnBoth(product, id, 'removed');
    await sleep(SETTLE_MS);
    expect(await auditOnBoth(product, id)).toEqual([
      'acls-created',
      'acls-deleted',
      'approved',
      'requested',
      'revoked',
    ]);
    expect(kafkaAclsOf(['--topic', topic])).toEqual([]);
    expect(
      kafkaAclsOf([
        '--group',
        groupPrefix,
        '--resource-pattern-type',
        'prefixed',
      ]),
    ).toEqual([]);
    expect(await firstRecordAs(consumer, topic, `${groupPrefix}2`)).toEqual({
      refused: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });
});
