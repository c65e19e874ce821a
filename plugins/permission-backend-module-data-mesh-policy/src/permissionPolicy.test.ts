import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  dataMeshAccessManagePermission,
  dataMeshPiiReadPermission,
  dataMeshProductDeprecatePermission,
  dataMeshProductPublishPermission,
  dataMeshProductUnpublishAdminPermission,
  dataMeshProductUnpublishPermission,
  dataMeshSamplesReadPermission,
  dataMeshSyntheticReadPermission,
} from '@kafka-mesh/plugin-data-mesh-common';
import { DataMeshPermissionPolicy } from './permissionPolicy';

function userWith(...ownershipEntityRefs: string[]) {
  const userEntityRef = ownershipEntityRefs[0];
  return {
    identity: { type: 'user' as const, userEntityRef, ownershipEntityRefs },
    info: { userEntityRef, ownershipEntityRefs },
    token: 'token',
    credentials: {} as any,
  };
}

const ada = userWith('user:default/ada', 'group:default/checkout-team');
const admin = userWith('user:default/ops', 'group:default/platform-team');

/** What the policy answers for ada when only her claims count. */
const ownersOnly = {
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
};

describe('DataMeshPermissionPolicy', () => {
  const policy = new DataMeshPermissionPolicy();

  it.each(
    [
      dataMeshProductPublishPermission,
      dataMeshProductDeprecatePermission,
      dataMeshProductUnpublishPermission,
      dataMeshAccessManagePermission,
    ].map(p => [p.name, p] as const),
  )('grants %s only to owners and admins', async (_, permission) => {
    expect(await policy.handle({ permission }, ada)).toEqual(ownersOnly);
    expect(await policy.handle({ permission }, admin)).toEqual({
      result: 'ALLOW',
    });
    // No user (a service the framework did not let through): no claims.
    expect(await policy.handle({ permission })).toMatchObject({
      result: 'CONDITIONAL',
      conditions: { params: { claims: [] } },
    });
  });

  it('grants personal data to the owners of the product only, not to admins as such', async () => {
    const permission = dataMeshPiiReadPermission;
    expect(await policy.handle({ permission }, ada)).toEqual(ownersOnly);
    expect(await policy.handle({ permission }, admin)).toMatchObject({
      result: 'CONDITIONAL',
    });
  });

  it('lets only admins unpublish a consumed product', async () => {
    const request = { permission: dataMeshProductUnpublishAdminPermission };
    expect(await policy.handle(request, admin)).toEqual({ result: 'ALLOW' });
    expect(await policy.handle(request, ada)).toEqual({ result: 'DENY' });
    expect(await policy.handle(request)).toEqual({ result: 'DENY' });
    const others = new DataMeshPermissionPolicy({
      adminGroups: ['group:default/checkout-team'],
    });
    expect(await others.handle(request, ada)).toEqual({ result: 'ALLOW' });
    expect(await others.handle(request, admin)).toEqual({ result: 'DENY' });
  });

  it('allows samples, synthetic records and reading the catalog', async () => {
    for (const permission of [
      dataMeshSamplesReadPermission,
      dataMeshSyntheticReadPermission,
      catalogEntityReadPermission,
    ]) {
      expect(await policy.handle({ permission }, ada)).toEqual({
        result: 'ALLOW',
      });
    }
  });

  it('leaves catalog writes open unless restricted, then admins only', async () => {
    const restricted = new DataMeshPermissionPolicy({
      restrictCatalogWrites: true,
    });
    for (const permission of [
      catalogLocationCreatePermission,
      catalogEntityDeletePermission,
    ]) {
      expect(await policy.handle({ permission }, ada)).toEqual({
        result: 'ALLOW',
      });
      expect(await restricted.handle({ permission }, ada)).toEqual({
        result: 'DENY',
      });
      expect(await restricted.handle({ permission }, admin)).toEqual({
        result: 'ALLOW',
      });
    }
  });
});
