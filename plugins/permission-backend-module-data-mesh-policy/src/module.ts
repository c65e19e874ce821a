import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readPermissionsConfig } from '@kafka-mesh/plugin-data-mesh-node';
import { DataMeshPermissionPolicy } from './permissionPolicy';

/**
 * The permission backend module that installs {@link DataMeshPermissionPolicy},
 * configured by `dataMesh.permissions.adminGroups` and
 * `dataMesh.permissions.restrictCatalogWrites`. It replaces an app's other
 * policy module (e.g. the allow-all policy): a backend has one policy.
 *
 * @public
 */
export const permissionModuleDataMeshPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-mesh-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const { adminGroups, restrictCatalogWrites } =
          readPermissionsConfig(config);
        policy.setPolicy(
          new DataMeshPermissionPolicy({ adminGroups, restrictCatalogWrites }),
        );
      },
    });
  },
});
