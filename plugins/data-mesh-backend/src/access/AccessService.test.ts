import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DataClassification } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { readAccessConfig } from '@kafka-mesh/plugin-data-mesh-node';
import { ConfigReader } from '@backstage/config';
import { FakeAcls } from './__testUtils__/fakeAcls';
import { accessDatabases, createTestStore } from './__testUtils__/testStore';
import { AccessNotifier } from './AccessNotifier';
import { AccessService } from './AccessService';
import { AclWorker } from './AclWorker';

jest.setTimeout(60_000);
const databases = accessDatabases();

const ANN = 'user:default/ann';
const OWNER = 'user:default/olga';
const NOW = new Date('2026-01-01T00:00:00.000Z');

function product(name: string, classification?: DataClassification) {
  const entity = makeDataProduct(name, `sales.${name}.v1`, {
    owner: 'group:default/sales',
    ...(classification ? { classification } : {}),
  });
  // Published through the registry: findProduct then asks no more.
  entity.metadata.annotations = {
    [ANNOTATION_LOCATION]: 'kafka-topic:local/_data-products',
  };
  return entity;
}

const principal = (name: string, owner: string, annotations = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, annotations },
  spec: { type: 'kafka-principal', owner },
});

const entities = [
  product('orders', 'confidential'),
  product('catalogue'),
  principal('billing-app', 'group:default/billing', {
    'kafka-mesh.io/kafka-principal': 'User:CN=billing',
  }),
  principal('sales-app', 'group:default/sales'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'bucket' },
    spec: { type: 's3-bucket', owner: 'group:default/billing' },
  },
];

const body = {
  principal: 'resource:default/billing-app',
  groupPrefix: 'billing.orders',
  purpose: 'Invoices from orders',
  duration: 'P30D',
};

async function setup(now: () => Date = () => NOW) {
  const { store } = await createTestStore(databases);
  const acls = new FakeAcls();
  const logger = mockServices.logger.mock();
  const notifications = { send: jest.fn().mockResolvedValue(undefined) };
  const owners = new Set([OWNER]);
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(() => ({
        result: owners.has(
          (options?.credentials.principal as { userEntityRef: string })
            .userEntityRef,
        )
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })) as any,
  });
  const teams: Record<string, string[]> = {
    [ANN]: [ANN, 'group:default/billing'],
    [OWNER]: [OWNER, 'group:default/sales'],
  };
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const userEntityRef = (credentials.principal as any).userEntityRef;
      return { userEntityRef, ownershipEntityRefs: teams[userEntityRef] };
    },
  });
  const worker = new AclWorker({ store, acls, logger, secrets: [] });
  const service = new AccessService({
    store,
    catalog: catalogServiceMock({ entities }),
    permissions,
    userInfo,
    config: readAccessConfig(new ConfigReader({})),
    notifier: new AccessNotifier(notifications as any, logger),
    kick: () => worker.kick(),
    now,
  });
  return { store, acls, service, notifications, logger, permissions };
}

const ann = mockCredentials.user(ANN);
const olga = mockCredentials.user(OWNER);
const orders = { namespace: 'default', name: 'orders' };

describe('AccessService', () => {
  describe('request', () => {
    it('files a request that waits for the owners, and tells them', async () => {
      const { service, store, acls, notifications } = await setup();
      const request = await service.request(orders, body, ann);
      expect(request).toMatchObject({
        product: 'dataproduct:default/orders',
        cluster: 'local',
        topic: 'sales.orders.v1',
        principalRef: 'resource:default/billing-app',
        principal: 'User:CN=billing',
        groupPrefix: 'billing.orders',
        requestedBy: ANN,
        requestedAt: NOW.toISOString(),
        approvalRequired: true,
        status: 'pending',
        aclState: 'none',
      });
      expect(request.acls).toHaveLength(3);
      expect(await store.auditOf(request.id)).toEqual([
        {
          requestId: request.id,
          at: NOW.toISOString(),
          actor: ANN,
          action: 'requested',
        },
      ]);
      expect(acls.creates).toBe(0);
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: 'group:default/sales' },
        payload: expect.objectContaining({
          link: '/catalog/default/dataproduct/orders/access',
        }),
      });
    });

    it('lets a request in at once when the classification needs no approval', async () => {
      const { service, store, acls } = await setup();
      const request = await service.request(
        { namespace: 'default', name: 'catalogue' },
        body,
        ann,
      );
      expect(request).toMatchObject({
        approvalRequired: false,
        status: 'approved',
        decidedBy: 'system',
        expiresAt: '2026-01-31T00:00:00.000Z',
        // The worker was quick enough for the response.
        aclState: 'applied',
      });
      expect(acls.acls).toEqual(request.acls);
      expect((await store.auditOf(request.id)).map(e => e.action)).toEqual([
        'requested',
        'auto-approved',
        'acls-created',
      ]);
    });

    it.each([
      [
        { principal: 'resource:default/nobody' },
        InputError,
        'no resource:default/nobody',
      ],
      [
        { principal: 'resource:default/bucket' },
        InputError,
        'not a Resource of spec.type kafka-principal',
      ],
      [
        { principal: 'resource:default/sales-app' },
        NotAllowedError,
        'owned by group:default/sales',
      ],
      [{ duration: 'P100D' }, InputError, 'longer than the maximum, P90D'],
    ])('refuses %j', async (patch, type, message) => {
      const { service } = await setup();
      const refused = service.request(orders, { ...body, ...patch }, ann);
      await expect(refused).rejects.toThrow(type);
      await expect(refused).rejects.toThrow(message);
    });

    it('refuses a request of the product owners and for unknown products', async () => {
      const { service } = await setup();
      await expect(
        service.request(
          orders,
          { ...body, principal: 'resource:default/sales-app' },
          olga,
        ),
      ).rejects.toThrow('You own dataproduct:default/orders');
      await expect(
        service.request({ namespace: 'default', name: 'nope' }, body, ann),
      ).rejects.toThrow(NotFoundError);
    });

    it('refuses a second open request with the id of the first', async () => {
      const { service } = await setup();
      const first = await service.request(orders, body, ann);
      const again = service.request(orders, body, ann);
      await expect(again).rejects.toThrow(ConflictError);
      await expect(again).rejects.toThrow(first.id);
    });

    it('goes on when the notification fails', async () => {
      const { service, notifications, logger } = await setup();
      notifications.send.mockRejectedValue(
        new Error('no notifications backend'),
      );
      await expect(service.request(orders, body, ann)).resolves.toMatchObject({
        status: 'pending',
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('no notifications backend'),
      );
    });
  });

  describe('decide', () => {
    it('approves as an owner: expiry, ACLs, audit, word to the requester', async () => {
      const { service, store, acls, notifications } = await setup();
      const { id } = await service.request(orders, body, ann);
      const approved = await service.decide(id, 'approve', 'fine', olga);
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: OWNER,
        decisionNote: 'fine',
        expiresAt: '2026-01-31T00:00:00.000Z',
        aclState: 'applied',
      });
      expect(acls.creates).toBe(1);
      expect(notifications.send).toHaveBeenLastCalledWith({
        recipients: { type: 'entity', entityRef: ANN },
        payload: expect.objectContaining({
          topic: 'data-product-access-approved',
        }),
      });

      // Again: unchanged, no new audit, no new ACLs.
      expect(await service.decide(id, 'approve', 'twice', olga)).toEqual(
        approved,
      );
      expect(acls.creates).toBe(1);
      expect(
        (await store.auditOf(id)).map(e => [e.action, e.actor, e.note]),
      ).toEqual([
        ['requested', ANN, undefined],
        ['approved', OWNER, 'fine'],
        ['acls-created', 'system', undefined],
      ]);
    });

    it('refuses callers without the permission', async () => {
      const { service, permissions } = await setup();
      const { id } = await service.request(orders, body, ann);
      await expect(
        service.decide(id, 'approve', undefined, ann),
      ).rejects.toThrow(NotAllowedError);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'datamesh.product.access.manage',
            }),
            resourceRef: 'dataproduct:default/orders',
          },
        ],
        { credentials: ann },
      );
    });

    it('denies only pending requests, revokes only approved ones', async () => {
      const { service, store, acls } = await setup();
      const { id } = await service.request(orders, body, ann);
      await expect(
        service.decide(id, 'revoke', undefined, olga),
      ).rejects.toThrow('only approved requests can be revoked');
      await service.decide(id, 'approve', undefined, olga);
      await expect(service.decide(id, 'deny', undefined, olga)).rejects.toThrow(
        ConflictError,
      );
      const revoked = await service.decide(id, 'revoke', 'project ended', olga);
      expect(revoked).toMatchObject({ status: 'revoked', aclState: 'removed' });
      expect(acls.acls).toEqual([]);
      expect((await store.auditOf(id)).slice(-2)).toEqual([
        expect.objectContaining({
          action: 'revoked',
          actor: OWNER,
          note: 'project ended',
        }),
        expect.objectContaining({ action: 'acls-deleted', actor: 'system' }),
      ]);

      const second = await service.request(orders, body, ann);
      expect(await service.decide(second.id, 'deny', 'no', olga)).toMatchObject(
        {
          status: 'denied',
          decidedBy: OWNER,
          aclState: 'none',
        },
      );
      await expect(
        service.decide('unknown', 'deny', undefined, olga),
      ).rejects.toThrow(NotFoundError);
    });

    it('keeps an approval whose ACLs could not be created for the worker', async () => {
      const { service, acls } = await setup();
      acls.down = true;
      const { id } = await service.request(orders, body, ann);
      const approved = await service.decide(id, 'approve', undefined, olga);
      expect(approved).toMatchObject({
        status: 'approved',
        aclState: 'applying',
      });
      expect(approved.aclError).toContain('ECONNREFUSED');
    });
  });

  describe('expireDue', () => {
    it('ends grants past their time and tells the requester', async () => {
      let now = NOW;
      const { service: moving, store, notifications } = await setup(() => now);
      const { id } = await moving.request(orders, body, ann);
      await moving.decide(id, 'approve', undefined, olga);
      expect(await moving.expireDue()).toBe(0);
      now = new Date('2026-02-01T00:00:00.000Z');
      expect(await moving.expireDue()).toBe(1);
      expect(await store.get(id)).toMatchObject({
        status: 'expired',
        aclState: 'removing',
      });
      expect((await store.auditOf(id)).pop()).toMatchObject({
        action: 'expired',
        actor: 'system',
      });
      expect(notifications.send).toHaveBeenLastCalledWith({
        recipients: { type: 'entity', entityRef: ANN },
        payload: expect.objectContaining({
          topic: 'data-product-access-expired',
        }),
      });
    });
  });

  it('finds the products a caller may decide on in one permission call', async () => {
    const { service, permissions } = await setup();
    const allowed = await service.mayDecideAll(
      [
        'dataproduct:default/a',
        'dataproduct:default/b',
        'dataproduct:default/a',
      ],
      olga,
    );
    expect([...allowed]).toEqual([
      'dataproduct:default/a',
      'dataproduct:default/b',
    ]);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(await service.mayDecideAll([], olga)).toEqual(new Set());
  });
});
