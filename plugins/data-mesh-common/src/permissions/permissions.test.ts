import { isResourcePermission } from '@backstage/plugin-permission-common';
import { dataMeshPermissions } from './permissions';

describe('data mesh permissions', () => {
  it('are catalog entity permissions with stable names', () => {
    expect(dataMeshPermissions.map(p => [p.name, p.attributes.action])).toEqual(
      [
        ['datamesh.product.samples.read', 'read'],
        ['datamesh.product.pii.read', 'read'],
        ['datamesh.product.synthetic.read', 'read'],
        ['datamesh.product.publish', 'update'],
        ['datamesh.product.deprecate', 'update'],
        ['datamesh.product.unpublish', 'delete'],
        ['datamesh.product.unpublish.admin', 'delete'],
        ['datamesh.product.access.manage', 'update'],
      ],
    );
    for (const permission of dataMeshPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });
});
