import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { dataProductWriterServiceRef } from '@kafka-mesh/plugin-data-mesh-node';
import { createAccessRequestAction } from './actions/accessRequest';
import { createProductDeprecateAction } from './actions/productDeprecate';
import { createProductPublishAction } from './actions/productPublish';
import { createProductUnpublishAction } from './actions/productUnpublish';
import { createProductValidateAction } from './actions/productValidate';
import { createRepoPublishLocalAction } from './actions/repoPublishLocal';
import { createSchemaImpactAction } from './actions/schemaImpact';
import { createSchemaRegisterAction } from './actions/schemaRegister';
import { createSyntheticWriteAction } from './actions/syntheticWrite';
import { createTopicCreateAction } from './actions/topicCreate';
import { readScaffolderConfig } from './lib/readScaffolderConfig';

/**
 * The data mesh scaffolder actions: wiring only.
 *
 * @public
 */
export const scaffolderModuleDataMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-mesh',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        // The one writer of products, shared with the data mesh REST API.
        writer: dataProductWriterServiceRef,
        // Access requests go through the data mesh backend's REST route,
        // on behalf of the task's initiator.
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        scaffolder,
        config,
        catalog,
        permissions,
        writer,
        discovery,
        auth,
      }) {
        const { repositories, catalogWaitMs } = readScaffolderConfig(config);
        scaffolder.addActions(
          createProductValidateAction({ writer }),
          createTopicCreateAction({ writer }),
          createSchemaRegisterAction({ writer }),
          createSchemaImpactAction({ catalog, writer }),
          createProductPublishAction({ writer, catalog, catalogWaitMs }),
          createProductDeprecateAction({ writer }),
          createProductUnpublishAction({ writer }),
          createRepoPublishLocalAction({ catalog, repositories }),
          createSyntheticWriteAction({
            catalog,
            permissions,
            registry: writer.clients.registry,
          }),
          createAccessRequestAction({ discovery, auth }),
        );
      },
    });
  },
});
