import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// All are resource permissions on the product's catalog entity, so a policy
// can decide per product, e.g. with the catalog's isEntityOwner rule. For a
// product that is not in the catalog yet (a first publish), the suite asks
// the policy for its conditions and applies them to the descriptor.

/**
 * Reading decoded sample messages from a product's topic.
 *
 * @public
 */
export const dataMeshSamplesReadPermission = createPermission({
  name: 'datamesh.product.samples.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Seeing the fields the portal calls personal unmasked in samples.
 *
 * @public
 */
export const dataMeshPiiReadPermission = createPermission({
  name: 'datamesh.product.pii.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Generating synthetic records from a product's schema.
 *
 * @public
 */
export const dataMeshSyntheticReadPermission = createPermission({
  name: 'datamesh.product.synthetic.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Publishing a product: a first publish, an update of its descriptor, or a
 * change of its owner. For an update the product as the catalog holds it
 * (its current owner) decides; for a first publish, the descriptor.
 *
 * @public
 */
export const dataMeshProductPublishPermission = createPermission({
  name: 'datamesh.product.publish',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Deprecating a product (and notifying its consumers).
 *
 * @public
 */
export const dataMeshProductDeprecatePermission = createPermission({
  name: 'datamesh.product.deprecate',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Unpublishing (tombstoning) a product that nobody reads any more.
 *
 * @public
 */
export const dataMeshProductUnpublishPermission = createPermission({
  name: 'datamesh.product.unpublish',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Unpublishing a product although consumer groups still read its topic.
 * A policy typically allows it to platform admins only.
 *
 * @public
 */
export const dataMeshProductUnpublishAdminPermission = createPermission({
  name: 'datamesh.product.unpublish.admin',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approving, denying and revoking access to a product: its owners' call.
 * Asking for access needs no permission of its own (any signed-in user, for
 * a Kafka principal their team owns; the backend checks the ownership).
 *
 * @public
 */
export const dataMeshAccessManagePermission = createPermission({
  name: 'datamesh.product.access.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every data mesh permission, for registering with the permission framework.
 *
 * @public
 */
export const dataMeshPermissions = [
  dataMeshSamplesReadPermission,
  dataMeshPiiReadPermission,
  dataMeshSyntheticReadPermission,
  dataMeshProductPublishPermission,
  dataMeshProductDeprecatePermission,
  dataMeshProductUnpublishPermission,
  dataMeshProductUnpublishAdminPermission,
  dataMeshAccessManagePermission,
];
