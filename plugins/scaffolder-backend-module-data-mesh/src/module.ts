import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createProductDeprecateAction } from './actions/productDeprecate';
import { createProductPublishAction } from './actions/productPublish';
import { createProductUnpublishAction } from './actions/productUnpublish';
import { createProductValidateAction } from './actions/productValidate';
import { createRepoPublishLocalAction } from './actions/repoPublishLocal';
import { createSchemaRegisterAction } from './actions/schemaRegister';
import { createSyntheticWriteAction } from './actions/syntheticWrite';
import { createTopicCreateAction } from './actions/topicCreate';
import { DataMeshClients } from './lib/DataMeshClients';
import { readScaffolderConfig } from './lib/readScaffolderConfig';

/** The data mesh scaffolder actions: wiring only. */
export const scaffolderModuleDataMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-mesh',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({ scaffolder, config, permissions, catalog, notifications }) {
        const clients = DataMeshClients.fromConfig(config);
        const { repositories, catalogWaitMs } = readScaffolderConfig(config);
        scaffolder.addActions(
          createProductValidateAction({ clients, catalog }),
          createTopicCreateAction({ clients }),
          createSchemaRegisterAction({ clients }),
          createProductPublishAction({ clients, catalog, catalogWaitMs }),
          createProductDeprecateAction({ clients, catalog, notifications }),
          createProductUnpublishAction({ clients, catalog, permissions }),
          createRepoPublishLocalAction({ catalog, repositories }),
          createSyntheticWriteAction({ catalog, registry: clients.registry }),
        );
      },
    });
  },
});
