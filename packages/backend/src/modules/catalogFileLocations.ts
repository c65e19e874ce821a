import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Lets the catalog register `file` locations, which
 * `dataMesh:repo:publishLocal` needs for the catalog-info.yaml of a local
 * repository. The catalog backend allows only `url` locations to be
 * registered by default, and no config key changes that; this extension
 * point is the only switch.
 *
 * Opt-in and meant for local development and demos: anyone who may create
 * locations can then point the catalog at any file the backend can read.
 */
export const catalogModuleDataMeshFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
