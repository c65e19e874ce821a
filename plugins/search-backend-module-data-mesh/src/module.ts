import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { DataProductCollatorFactory } from './collator/DataProductCollatorFactory';
import { readCollatorConfig } from './collator/readCollatorConfig';

/**
 * The search module that indexes DataProducts with their schema's fields
 * (document type `data-product`), on the schedule of
 * `search.collators.dataMesh.schedule`.
 *
 * @public
 */
export const searchModuleDataMesh = createBackendModule({
  pluginId: 'search',
  moduleId: 'data-mesh-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ auth, config, logger, scheduler, indexRegistry, catalog }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readCollatorConfig(config).schedule,
          ),
          factory: DataProductCollatorFactory.fromConfig(config, {
            auth,
            catalog,
            logger,
          }),
        });
      },
    });
  },
});
