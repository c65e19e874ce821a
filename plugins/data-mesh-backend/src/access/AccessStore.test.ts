import { ConflictError } from '@backstage/errors';
import {
  accessDatabases,
  createTestStore,
  makeRequest,
} from './__testUtils__/testStore';

jest.setTimeout(60_000);
const databases = accessDatabases();
const requested = (at = '2026-01-01T00:00:00.000Z') => ({
  at,
  actor: 'user:default/ann',
  action: 'requested' as const,
});

describe('AccessStore', () => {
  it('stores a request with its audit and reads it back', async () => {
    const { store } = await createTestStore(databases);
    const request = makeRequest({ decisionNote: undefined });
    await store.insert(request, [requested()]);
    expect(await store.get(request.id)).toEqual(request);
    expect(await store.findOpen(request.product, request.principalRef)).toEqual(
      request,
    );
    expect(await store.auditOf(request.id)).toEqual([
      { requestId: request.id, ...requested() },
    ]);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('keeps one open request per product and principal', async () => {
    const { store } = await createTestStore(databases);
    const first = makeRequest();
    await store.insert(first, [requested()]);
    const second = makeRequest();
    const insert = store.insert(second, [requested()]);
    await expect(insert).rejects.toThrow(ConflictError);
    await expect(store.insert(makeRequest(), [])).rejects.toThrow(first.id);
    // Nothing of the refused request was written, its audit included.
    expect(await store.get(second.id)).toBeUndefined();
    expect(await store.auditOf(second.id)).toEqual([]);

    // Once the first has ended, the principal may ask again.
    await store.transition(
      first.id,
      ['pending'],
      { status: 'denied' },
      { at: 'x', actor: 'user:default/owner', action: 'denied' },
    );
    await store.insert(second, [requested()]);
    expect((await store.get(second.id))?.status).toBe('pending');
  });

  it('changes a request only from an expected status, audited with it', async () => {
    const { store } = await createTestStore(databases);
    const request = makeRequest();
    await store.insert(request, [requested()]);
    const audit = {
      at: '2026-01-02T00:00:00.000Z',
      actor: 'user:default/owner',
      action: 'approved' as const,
      note: 'ok',
    };
    const approved = await store.transition(
      request.id,
      ['pending'],
      {
        status: 'approved',
        decidedBy: 'user:default/owner',
        decidedAt: audit.at,
        decisionNote: 'ok',
        expiresAt: '2026-02-01T00:00:00.000Z',
        aclState: 'applying',
      },
      audit,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      aclState: 'applying',
      decisionNote: 'ok',
      expiresAt: '2026-02-01T00:00:00.000Z',
    });
    expect(
      await store.transition(
        request.id,
        ['pending'],
        { status: 'denied' },
        {
          ...audit,
          action: 'denied',
        },
      ),
    ).toBeUndefined();
    expect((await store.auditOf(request.id)).map(e => e.action)).toEqual([
      'requested',
      'approved',
    ]);
  });

  it('lists by product, status, requester, and the history newest first', async () => {
    const { store } = await createTestStore(databases);
    const a = makeRequest({ requestedAt: '2026-01-01T00:00:00.000Z' });
    const b = makeRequest({
      principalRef: 'resource:default/other',
      requestedAt: '2026-01-02T00:00:00.000Z',
      status: 'approved',
      aclState: 'applied',
      requestedBy: 'user:default/bob',
    });
    const c = makeRequest({
      product: 'dataproduct:default/payments',
      requestedAt: '2026-01-03T00:00:00.000Z',
    });
    await store.insert(a, [requested(a.requestedAt)]);
    await store.insert(b, [requested(b.requestedAt)]);
    await store.insert(c, [requested(c.requestedAt)]);

    const ids = (list: { id: string }[]) => list.map(r => r.id);
    expect(ids(await store.listForProduct(a.product, ['pending'], 10))).toEqual(
      [a.id],
    );
    expect(
      ids(await store.listForProduct(a.product, ['pending', 'approved'], 10)),
    ).toEqual([a.id, b.id]);
    expect(ids(await store.listByStatus('pending', 10))).toEqual([a.id, c.id]);
    expect(ids(await store.listByStatus('pending', 1))).toEqual([a.id]);
    expect(
      ids(await store.listRequestedBy('user:default/ann', undefined, 10)),
    ).toEqual([c.id, a.id]);
    expect(
      ids(await store.listRequestedBy('user:default/ann', 'approved', 10)),
    ).toEqual([]);
    expect((await store.history(a.product, 10)).map(e => e.requestId)).toEqual([
      b.id,
      a.id,
    ]);
    expect(await store.history(a.product, 1)).toHaveLength(1);
  });

  it('finds approved grants past their end', async () => {
    const { store } = await createTestStore(databases);
    const ended = makeRequest({
      status: 'approved',
      aclState: 'applied',
      expiresAt: '2026-01-10T00:00:00.000Z',
    });
    const running = makeRequest({
      principalRef: 'resource:default/other',
      status: 'approved',
      aclState: 'applied',
      expiresAt: '2026-03-01T00:00:00.000Z',
    });
    await store.insert(ended, []);
    await store.insert(running, []);
    expect(
      (await store.dueForExpiry('2026-02-01T00:00:00.000Z', 10)).map(r => r.id),
    ).toEqual([ended.id]);
  });

  describe('ACL work', () => {
    const now = '2026-01-01T00:00:00.000Z';
    const lease = '2026-01-01T00:01:00.000Z';
    const created = {
      at: now,
      actor: 'system',
      action: 'acls-created' as const,
    };

    it('claims a row once until its lease runs out', async () => {
      const { store } = await createTestStore(databases);
      const request = makeRequest({ status: 'approved', aclState: 'applying' });
      await store.insert(request, []);
      await store.insert(
        makeRequest({ principalRef: 'resource:default/p' }),
        [],
      );

      const [claimed, ...rest] = await store.claimAclWork(now, lease, 10);
      expect(rest).toEqual([]);
      expect(claimed).toMatchObject({ request: { id: request.id }, lease });
      expect(await store.claimAclWork(now, lease, 10)).toEqual([]);
      // A worker that died keeps a row no longer than its lease.
      const later = '2026-01-01T00:02:00.000Z';
      expect(
        await store.claimAclWork(later, '2026-01-01T00:03:00.000Z', 10),
      ).toHaveLength(1);
    });

    it('finishes a claimed row once, with its audit event', async () => {
      const { store } = await createTestStore(databases);
      const request = makeRequest({ status: 'approved', aclState: 'applying' });
      await store.insert(request, []);
      await store.claimAclWork(now, lease, 10);
      const audit = { ...created, acls: request.acls };
      expect(
        await store.finishAclWork(
          request.id,
          lease,
          'applying',
          'applied',
          audit,
        ),
      ).toBe(true);
      expect(
        await store.finishAclWork(
          request.id,
          lease,
          'applying',
          'applied',
          audit,
        ),
      ).toBe(false);
      expect(await store.get(request.id)).toMatchObject({
        aclState: 'applied',
      });
      expect(await store.auditOf(request.id)).toEqual([
        { requestId: request.id, ...audit },
      ]);
    });

    it('leaves a row revoked while its ACLs were created to the next run', async () => {
      const { store } = await createTestStore(databases);
      const request = makeRequest({ status: 'approved', aclState: 'applying' });
      await store.insert(request, []);
      await store.claimAclWork(now, lease, 10);
      await store.transition(
        request.id,
        ['approved'],
        { status: 'revoked', aclState: 'removing' },
        { at: now, actor: 'user:default/owner', action: 'revoked' },
      );
      // Not claimable while the creating worker holds it...
      expect(await store.claimAclWork(now, lease, 10)).toEqual([]);
      expect(
        await store.finishAclWork(
          request.id,
          lease,
          'applying',
          'applied',
          created,
        ),
      ).toBe(false);
      // ...and claimable for removal once it gave up its lease.
      const [again] = await store.claimAclWork(now, lease, 10);
      expect(again.request).toMatchObject({ aclState: 'removing' });
    });

    it('keeps a failed row with the reason and frees it', async () => {
      const { store } = await createTestStore(databases);
      const request = makeRequest({ status: 'approved', aclState: 'applying' });
      await store.insert(request, []);
      await store.claimAclWork(now, lease, 10);
      await store.failAclWork(request.id, lease, 'broker away');
      expect(await store.get(request.id)).toMatchObject({
        aclState: 'applying',
        aclError: 'broker away',
      });
      expect(await store.claimAclWork(now, lease, 10)).toHaveLength(1);
      expect(await store.auditOf(request.id)).toEqual([]);
    });
  });
});
