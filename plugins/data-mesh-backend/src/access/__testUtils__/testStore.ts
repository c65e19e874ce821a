import { TestDatabases } from '@backstage/backend-test-utils';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import { randomUUID } from 'node:crypto';
import { AccessStore, migrationsDir } from '../AccessStore';
import { grantAcls } from '../grantAcls';

/**
 * The databases the access tests run on. SQLite only here: the PostgreSQL
 * run of the store lives with the backend's local-PostgreSQL tests.
 * Call at module level (it registers the cleanup hooks).
 */
export function accessDatabases(): TestDatabases {
  return TestDatabases.create({ ids: ['SQLITE_3'] });
}

/** A fresh, migrated store. */
export async function createTestStore(databases: TestDatabases) {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({ directory: migrationsDir() });
  return { knex, store: new AccessStore(knex) };
}

/** A pending request for `dataproduct:default/orders` unless patched. */
export function makeRequest(patch: Partial<AccessRequest> = {}): AccessRequest {
  const principal = patch.principal ?? 'User:billing';
  const topic = patch.topic ?? 'sales.orders.v1';
  const groupPrefix = patch.groupPrefix ?? 'billing.';
  return {
    id: randomUUID(),
    product: 'dataproduct:default/orders',
    cluster: 'local',
    topic,
    principalRef: 'resource:default/billing-app',
    principal,
    groupPrefix,
    purpose: 'invoices',
    duration: 'P30D',
    requestedBy: 'user:default/ann',
    requestedAt: '2026-01-01T00:00:00.000Z',
    approvalRequired: true,
    status: 'pending',
    aclState: 'none',
    acls: grantAcls({ topic, groupPrefix, principal }),
    ...patch,
  };
}
