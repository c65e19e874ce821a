import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// All three are resource permissions on the product's catalog entity, so a
// policy can decide per product, e.g. with the catalog's isEntityOwner rule.

/** Reading decoded sample messages from a product's topic. */
export const dataMeshSamplesReadPermission = createPermission({
  name: 'datamesh.product.samples.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Seeing the fields listed in `spec.piiFields` unmasked in samples. */
export const dataMeshPiiReadPermission = createPermission({
  name: 'datamesh.product.pii.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Unpublishing (tombstoning) any product, not only one's own. A policy
 * typically allows it unconditionally to platform admins only.
 */
export const dataMeshProductUnpublishAdminPermission = createPermission({
  name: 'datamesh.product.unpublish.admin',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every data mesh permission, for registering with the permission framework. */
export const dataMeshPermissions = [
  dataMeshSamplesReadPermission,
  dataMeshPiiReadPermission,
  dataMeshProductUnpublishAdminPermission,
];
