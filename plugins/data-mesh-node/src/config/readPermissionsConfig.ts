import { Config } from '@backstage/config';
import type { DataMeshPermissionsConfig } from './types';

/**
 * The data mesh admins when `dataMesh.permissions.adminGroups` is not set.
 *
 * @public
 */
export const DEFAULT_ADMIN_GROUPS = ['group:default/platform-team'];

const OWNER_REF = /^(group|user):[^:/\s]+\/[^:/\s]+$/i;

/** Full refs only: a bare name would be ambiguous. Lower case like claims. */
function ownerRefs(refs: string[], key: string, kinds = 'group'): string[] {
  for (const ref of refs) {
    const [kind] = ref.split(':');
    if (!OWNER_REF.test(ref) || !kinds.split('|').includes(kind)) {
      throw new Error(
        `Invalid config at ${key}: '${ref}' is not a ref of the form ${kinds}:<namespace>/<name>`,
      );
    }
  }
  return refs.map(ref => ref.toLocaleLowerCase('en-US'));
}

/**
 * Reads `dataMesh.permissions`: the one reader for the policy, the REST API
 * and the scaffolder actions, so they agree on who is an admin.
 *
 * @public
 */
export function readPermissionsConfig(
  config: Config,
): DataMeshPermissionsConfig {
  const root = config.getOptionalConfig('dataMesh.permissions');
  const key = 'dataMesh.permissions';
  return {
    adminGroups: ownerRefs(
      root?.getOptionalStringArray('adminGroups') ?? DEFAULT_ADMIN_GROUPS,
      `${key}.adminGroups`,
    ),
    externalAccess: (root?.getOptionalConfigArray('externalAccess') ?? []).map(
      (grant, i) => ({
        subject: grant.getString('subject'),
        actsFor: ownerRefs(
          grant.getStringArray('actsFor'),
          `${key}.externalAccess[${i}].actsFor`,
          'group|user',
        ),
      }),
    ),
    restrictCatalogWrites:
      root?.getOptionalBoolean('restrictCatalogWrites') ?? false,
  };
}
