import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readPermissionsConfig } from '../config/readPermissionsConfig';
import { kafkaServiceRef } from '../kafka/kafkaServiceRef';
import { DataMeshClients } from './DataMeshClients';
import { DataProductWriter } from './DataProductWriter';
import { ProductAccess } from './productAccess';

/**
 * The one writer of data products, shared by the scaffolder actions and the
 * data mesh REST API (and, through that, the CLI).
 *
 * @public
 */
export const dataProductWriterServiceRef = createServiceRef<DataProductWriter>({
  id: 'data-mesh.product-writer',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        notifications: notificationService,
        kafka: kafkaServiceRef,
      },
      factory({ config, auth, permissions, catalog, notifications, kafka }) {
        const { externalAccess } = readPermissionsConfig(config);
        return new DataProductWriter(
          DataMeshClients.fromConfig(config, kafka),
          catalog,
          new ProductAccess(permissions, auth, externalAccess),
          auth,
          notifications,
        );
      },
    }),
});
