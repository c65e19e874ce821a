import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  dataMeshPiiReadPermission,
  dataMeshProductUnpublishAdminPermission,
} from '@kafka-mesh/plugin-data-mesh-common';

/** The data mesh admins when `dataMesh.permissions.adminGroups` is not set. */
export const DEFAULT_ADMIN_GROUPS = ['group:default/platform-team'];

const GROUP_REF = /^group:[^:/\s]+\/[^:/\s]+$/i;

/**
 * `dataMesh.permissions.adminGroups`, lower case like the ownership refs of
 * a signed-in user. Full refs only: a bare name would be ambiguous.
 */
export function readAdminGroups(config: Config): string[] {
  const key = 'dataMesh.permissions.adminGroups';
  const groups = config.getOptionalStringArray(key) ?? DEFAULT_ADMIN_GROUPS;
  for (const ref of groups) {
    if (!GROUP_REF.test(ref)) {
      throw new Error(
        `Invalid config at ${key}: '${ref}' is not a group ref of the form group:<namespace>/<name>`,
      );
    }
  }
  return groups.map(ref => ref.toLocaleLowerCase('en-US'));
}

/**
 * The portal's policy: everything is allowed, except seeing personal data in
 * sample messages, which only the team that owns the product may do, and
 * unpublishing a product that is still consumed, which only members of the
 * admin groups may do.
 */
export class DataMeshPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: ReadonlySet<string>;

  constructor(options: { adminGroups?: string[] } = {}) {
    this.adminGroups = new Set(options.adminGroups ?? DEFAULT_ADMIN_GROUPS);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, dataMeshProductUnpublishAdminPermission)
    ) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return {
        result: claims.some(ref => this.adminGroups.has(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (isPermission(request.permission, dataMeshPiiReadPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionModuleDataMeshPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-mesh-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new DataMeshPermissionPolicy({
            adminGroups: readAdminGroups(config),
          }),
        );
      },
    });
  },
});
