import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/** The config key that turns `file` locations on. */
export const FILE_LOCATIONS_KEY =
  'dataMesh.scaffolder.localRepositories.enabled';

/**
 * Lets the catalog register `file` locations, which
 * `dataMesh:repo:publishLocal` needs for the catalog-info.yaml of a local
 * repository. The catalog backend allows only `url` locations to be
 * registered by default, and no config key changes that; this extension
 * point is the only switch.
 *
 * For local development and demos only, so off unless
 * `dataMesh.scaffolder.localRepositories.enabled` is true (app-config.yaml
 * sets it, app-config.production.yaml turns it off): anyone who may create
 * locations can point the catalog at any file the backend can read.
 */
export const catalogModuleDataMeshFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh-file-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ locations, config }) {
        if (config.getOptionalBoolean(FILE_LOCATIONS_KEY)) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});
