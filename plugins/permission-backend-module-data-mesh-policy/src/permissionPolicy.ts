import {
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  dataMeshAccessManagePermission,
  dataMeshPiiReadPermission,
  dataMeshProductDeprecatePermission,
  dataMeshProductPublishPermission,
  dataMeshProductUnpublishAdminPermission,
  dataMeshProductUnpublishPermission,
} from '@kafka-mesh/plugin-data-mesh-common';
import { DEFAULT_ADMIN_GROUPS } from '@kafka-mesh/plugin-data-mesh-node';

/** Changing a product: its owners, or an admin. */
const OWNER_OR_ADMIN = [
  dataMeshProductPublishPermission,
  dataMeshProductDeprecatePermission,
  dataMeshProductUnpublishPermission,
  dataMeshAccessManagePermission,
];

/** Admins only: getting past the consumers of a product. */
const ADMIN_ONLY = [dataMeshProductUnpublishAdminPermission];

/**
 * Catalog writes that reach past one's own entities: a location can point
 * the catalog at any file or URL, and deleting an entity removes someone
 * else's. Admins only where `restrictCatalogWrites` is on (production).
 */
const CATALOG_WRITES = [
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogEntityDeletePermission,
];

const isOneOf = (permission: Permission, list: Permission[]) =>
  list.some(p => isPermission(permission, p));

/**
 * Options of {@link DataMeshPermissionPolicy}.
 *
 * @public
 */
export interface DataMeshPermissionPolicyOptions {
  /**
   * Entity refs whose members are admins (`group:default/platform-team`
   * when not given); `dataMesh.permissions.adminGroups` in the module.
   */
  adminGroups?: string[];
  /**
   * Registering catalog locations and deleting entities for admins only;
   * `dataMesh.permissions.restrictCatalogWrites` in the module.
   */
  restrictCatalogWrites?: boolean;
}

/**
 * The data mesh's permission policy, in the words of the README:
 * - publishing, changing, deprecating and unpublishing a product is for its
 *   owners (the caller's ownership claims include `spec.owner`) and admins;
 * - deciding who may read a product (approve, deny, revoke access) is for
 *   its owners and admins;
 * - unpublishing a product that is still consumed is for admins;
 * - personal data in samples is for the product's owners;
 * - with `restrictCatalogWrites`, registering locations and deleting
 *   entities is for admins;
 * - everything else is allowed to signed-in users.
 * Admins are the members of `dataMesh.permissions.adminGroups`.
 *
 * An app with rules of its own can construct it and delegate to it.
 *
 * @public
 */
export class DataMeshPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: ReadonlySet<string>;
  private readonly restrictCatalogWrites: boolean;

  constructor(options: DataMeshPermissionPolicyOptions = {}) {
    this.adminGroups = new Set(options.adminGroups ?? DEFAULT_ADMIN_GROUPS);
    this.restrictCatalogWrites = options.restrictCatalogWrites ?? false;
  }

  /** Decides one permission request for the user (see the class comment). */
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = user?.info.ownershipEntityRefs ?? [];
    const isAdmin = claims.some(ref => this.adminGroups.has(ref));
    const allowIf = (allowed: boolean): PolicyDecision => ({
      result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    });

    if (isOneOf(permission, ADMIN_ONLY)) return allowIf(isAdmin);
    if (this.restrictCatalogWrites && isOneOf(permission, CATALOG_WRITES)) {
      return allowIf(isAdmin);
    }
    if (isOneOf(permission, OWNER_OR_ADMIN) && isAdmin) return allowIf(true);
    if (
      isOneOf(permission, [...OWNER_OR_ADMIN, dataMeshPiiReadPermission]) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return allowIf(true);
  }
}
