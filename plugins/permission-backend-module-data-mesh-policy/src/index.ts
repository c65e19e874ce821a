/**
 * Permission policy for the Kafka data mesh: a data product is published,
 * changed, deprecated and unpublished by its owners (or admins), and the
 * personal data in its samples is for its owners.
 *
 * @packageDocumentation
 */

export { permissionModuleDataMeshPolicy as default } from './module';
export { DataMeshPermissionPolicy } from './permissionPolicy';
export type { DataMeshPermissionPolicyOptions } from './permissionPolicy';
