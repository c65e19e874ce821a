import { mockServices } from '@backstage/backend-test-utils';
import { FakeAcls } from './__testUtils__/fakeAcls';
import {
  accessDatabases,
  createTestStore,
  makeRequest,
} from './__testUtils__/testStore';
import { AclWorker } from './AclWorker';
import type { AccessStore } from './AccessStore';

jest.setTimeout(60_000);
const databases = accessDatabases();
const logger = mockServices.logger.mock();

function workerOn(store: AccessStore, acls: FakeAcls, secrets: string[] = []) {
  return new AclWorker({ store, acls, logger, secrets });
}

const approved = (patch = {}) =>
  makeRequest({ status: 'approved', aclState: 'applying', ...patch });

describe('AclWorker', () => {
  it('creates the ACLs of applying rows and audits it once', async () => {
    const { store } = await createTestStore(databases);
    const acls = new FakeAcls();
    const request = approved();
    await store.insert(request, []);
    const worker = workerOn(store, acls);

    expect(await worker.run()).toEqual({ applied: 1, removed: 0, failed: 0 });
    expect(acls.acls).toEqual(request.acls);
    expect(await store.get(request.id)).toMatchObject({ aclState: 'applied' });
    expect(await store.auditOf(request.id)).toEqual([
      expect.objectContaining({
        actor: 'system',
        action: 'acls-created',
        acls: request.acls,
      }),
    ]);
    expect(await worker.run()).toEqual({ applied: 0, removed: 0, failed: 0 });
    expect(acls.creates).toBe(1);
  });

  it('deletes exactly the ACLs of removing rows', async () => {
    const { store } = await createTestStore(databases);
    const acls = new FakeAcls();
    const request = makeRequest({ status: 'revoked', aclState: 'removing' });
    const someoneElse = { ...request.acls[0], principal: 'User:other' };
    acls.acls = [...request.acls, someoneElse];
    await store.insert(request, []);

    expect(await workerOn(store, acls).run()).toMatchObject({ removed: 1 });
    expect(acls.acls).toEqual([someoneElse]);
    expect(await store.get(request.id)).toMatchObject({ aclState: 'removed' });
    expect((await store.auditOf(request.id)).map(e => e.action)).toEqual([
      'acls-deleted',
    ]);
  });

  it('keeps a row with the reason while the broker is away, and retries', async () => {
    const { store } = await createTestStore(databases);
    const acls = new FakeAcls();
    acls.down = true;
    const request = approved();
    await store.insert(request, []);
    const worker = workerOn(store, acls, ['ECONNREFUSED']);

    expect(await worker.run()).toEqual({ applied: 0, removed: 0, failed: 1 });
    const kept = await store.get(request.id);
    expect(kept).toMatchObject({ aclState: 'applying' });
    // Scrubbed of configured secrets (here, a word of the message).
    expect(kept?.aclError).toContain('connect ***');
    expect(await store.auditOf(request.id)).toEqual([]);

    acls.down = false;
    expect(await worker.run()).toMatchObject({ applied: 1 });
    expect(await store.get(request.id)).toMatchObject({
      aclState: 'applied',
      aclError: undefined,
    });
  });

  it('does a bounded amount of work per run', async () => {
    const { store } = await createTestStore(databases);
    for (let i = 0; i < 3; i++) {
      await store.insert(
        approved({ principalRef: `resource:default/p${i}` }),
        [],
      );
    }
    const worker = new AclWorker({
      store,
      acls: new FakeAcls(),
      logger,
      secrets: [],
      batchSize: 2,
    });
    expect(await worker.run()).toMatchObject({ applied: 2 });
    expect(await worker.run()).toMatchObject({ applied: 1 });
  });

  it('creates ACLs exactly once when two replicas run at the same time', async () => {
    const { store } = await createTestStore(databases);
    const acls = new FakeAcls();
    acls.delayMs = 20;
    const requests = [0, 1, 2, 3, 4].map(i =>
      approved({ principalRef: `resource:default/p${i}` }),
    );
    for (const request of requests) await store.insert(request, []);
    // Two replicas: two workers with their own state, one database.
    const replicas = [workerOn(store, acls), workerOn(store, acls)];

    const results = await Promise.all(
      [...replicas, ...replicas].map(w => w.run()),
    );
    expect(results.reduce((n, r) => n + r.applied, 0)).toBe(5);
    expect(acls.creates).toBe(5);
    for (const request of requests) {
      expect(
        (await store.auditOf(request.id)).filter(
          e => e.action === 'acls-created',
        ),
      ).toHaveLength(1);
    }
  });

  it('runs again after a kick that came during a run', async () => {
    const { store } = await createTestStore(databases);
    const acls = new FakeAcls();
    acls.delayMs = 20;
    const worker = workerOn(store, acls);
    const first = approved();
    await store.insert(first, []);
    const running = worker.kick();
    const second = approved({ principalRef: 'resource:default/late' });
    await store.insert(second, []);
    await Promise.all([running, worker.kick()]);
    expect(await store.get(second.id)).toMatchObject({ aclState: 'applied' });
    expect(acls.creates).toBe(2);
  });
});
