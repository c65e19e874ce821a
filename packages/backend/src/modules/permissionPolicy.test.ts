import { ConfigReader } from '@backstage/config';
import { createPermission } from '@backstage/plugin-permission-common';
import {
  dataMeshPiiReadPermission,
  dataMeshProductUnpublishAdminPermission,
  dataMeshSamplesReadPermission,
} from '@kafka-mesh/plugin-data-mesh-common';
import { DataMeshPermissionPolicy, readAdminGroups } from './permissionPolicy';

const user = {
  identity: {
    type: 'user' as const,
    userEntityRef: 'user:default/ada',
    ownershipEntityRefs: ['user:default/ada', 'group:default/checkout-team'],
  },
  info: {
    userEntityRef: 'user:default/ada',
    ownershipEntityRefs: ['user:default/ada', 'group:default/checkout-team'],
  },
  token: 'token',
  credentials: {} as any,
};

describe('DataMeshPermissionPolicy', () => {
  const policy = new DataMeshPermissionPolicy();

  it('grants personal data only to the owners of the product', async () => {
    const decision = await policy.handle(
      { permission: dataMeshPiiReadPermission },
      user,
    );
    expect(decision).toEqual({
      result: 'CONDITIONAL',
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/ada', 'group:default/checkout-team'],
        },
      },
    });
  });

  it('allows reading samples and everything else', async () => {
    for (const permission of [
      dataMeshSamplesReadPermission,
      createPermission({ name: 'catalog.entity.read', attributes: {} }),
    ]) {
      expect(await policy.handle({ permission }, user)).toEqual({
        result: 'ALLOW',
      });
    }
  });

  it('lets only members of the admin groups unpublish a consumed product', async () => {
    const admins = new DataMeshPermissionPolicy({
      adminGroups: ['group:default/checkout-team'],
    });
    const request = { permission: dataMeshProductUnpublishAdminPermission };
    expect(await admins.handle(request, user)).toEqual({ result: 'ALLOW' });
    expect(await policy.handle(request, user)).toEqual({ result: 'DENY' });
    expect(await admins.handle(request)).toEqual({ result: 'DENY' });
  });
});

describe('readAdminGroups', () => {
  it('defaults to the platform team and lower-cases refs', () => {
    expect(readAdminGroups(new ConfigReader({}))).toEqual([
      'group:default/platform-team',
    ]);
    expect(
      readAdminGroups(
        new ConfigReader({
          dataMesh: { permissions: { adminGroups: ['Group:default/Ops'] } },
        }),
      ),
    ).toEqual(['group:default/ops']);
  });

  it('refuses a ref that is not a full group ref, naming the key', () => {
    expect(() =>
      readAdminGroups(
        new ConfigReader({
          dataMesh: { permissions: { adminGroups: ['ops'] } },
        }),
      ),
    ).toThrow(
      "Invalid config at dataMesh.permissions.adminGroups: 'ops' is not a group ref of the form group:<namespace>/<name>",
    );
  });
});
