import { mockCredentials } from '@backstage/backend-test-utils';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { FakeAcls } from './__testUtils__/fakeAcls';
import {
  accessDatabases,
  createTestStore,
  makeRequest,
} from './__testUtils__/testStore';
import type { AccessService } from './AccessService';
import { readProductAccess } from './productAccessView';

jest.setTimeout(60_000);
const databases = accessDatabases();

describe('readProductAccess', () => {
  const entity = makeDataProduct('orders', 'sales.orders.v1', {
    classification: 'confidential',
  });
  const ref = 'dataproduct:default/orders';

  async function setup() {
    const { store } = await createTestStore(databases);
    const acls = new FakeAcls();
    const service = {
      mayDecide: jest.fn().mockResolvedValue(true),
    } as unknown as AccessService;
    const pending = makeRequest();
    const grant = makeRequest({
      principalRef: 'resource:default/other',
      principal: 'User:other',
      groupPrefix: 'other.',
      status: 'approved',
      aclState: 'applied',
    });
    await store.insert(pending, [
      {
        at: '2026-01-01T00:00:00.000Z',
        actor: 'user:default/ann',
        action: 'requested',
      },
    ]);
    await store.insert(grant, [
      {
        at: '2026-01-02T00:00:00.000Z',
        actor: 'system',
        action: 'acls-created',
      },
    ]);
    const options = {
      store,
      service,
      acls,
      approvalRequired: ['confidential' as const],
      secrets: ['ECONNREFUSED'],
    };
    return { options, acls, pending, grant };
  }

  it('shows the requests, the broker ACLs and the drift', async () => {
    const { options, acls, pending, grant } = await setup();
    const stranger = { ...grant.acls[0], principal: 'User:stranger' };
    const unrelatedGroup = { ...grant.acls[2], principal: 'User:nobody' };
    acls.acls = [grant.acls[0], grant.acls[2], stranger, unrelatedGroup];

    const view = await readProductAccess(
      options,
      entity,
      ref,
      mockCredentials.user(),
    );
    expect(view).toMatchObject({
      product: ref,
      classification: 'confidential',
      approvalRequired: true,
      canDecide: true,
      pending: [{ id: pending.id }],
      grants: [{ id: grant.id }],
      acls: [grant.acls[0], stranger, grant.acls[2]],
      drift: [
        { kind: 'unrequested', acl: stranger },
        { kind: 'missing', acl: grant.acls[1], requestId: grant.id },
      ],
    });
    expect(view.history.map(e => e.requestId)).toEqual([grant.id, pending.id]);
    expect(view.aclsUnavailable).toBeUndefined();
  });

  it('still answers when the broker is away', async () => {
    const { options, acls } = await setup();
    acls.down = true;
    const view = await readProductAccess(
      options,
      entity,
      ref,
      mockCredentials.user(),
    );
    expect(view.acls).toEqual([]);
    expect(view.drift).toEqual([]);
    expect(view.grants).toHaveLength(1);
    expect(view.aclsUnavailable).toContain("Kafka cluster 'local'");
    expect(view.aclsUnavailable).not.toContain('ECONNREFUSED');
  });
});
