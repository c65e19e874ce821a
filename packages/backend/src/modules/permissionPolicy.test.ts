import { createPermission } from '@backstage/plugin-permission-common';
import {
  dataMeshPiiReadPermission,
  dataMeshSamplesReadPermission,
} from '@kafka-mesh/plugin-data-mesh-common';
import { DataMeshPermissionPolicy } from './permissionPolicy';

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
});
