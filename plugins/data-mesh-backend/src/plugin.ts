import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { dataMeshPermissions } from '@kafka-mesh/plugin-data-mesh-common';
import {
  createSchemaRegistry,
  dataProductWriterServiceRef,
  kafkaServiceRef,
  readAccessConfig,
  readDataMeshConfig,
  readGovernanceRules,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { createAccess } from './access/createAccess';
import { createFindDataProductsAction } from './actions/findDataProducts';
import { createGetDataProductContractAction } from './actions/getDataProductContract';
import { createValidateDataProductAction } from './actions/validateDataProduct';
import { ComponentIndex } from './lib/ComponentIndex';
import { requestLimitsServiceRef } from './lib/requestLimits';
import { SchemaService } from './lib/SchemaService';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  secretsOf,
  withTimeout,
} from './lib/upstream';
import { createMonitor } from './monitor/createMonitor';
import { readMonitorConfig } from './monitor/readMonitorConfig';
import { createProductWriteRouter } from './service/productWriteRouter';
import { createRouter } from './service/router';

/** How long a request waits for the newest records of a topic. */
const TAIL_DEADLINE_MS = 8000;
/** How long health, freshness and consumer answers are reused. */
const LIVE_CACHE_TTL_MS = 5000;

/**
 * The data mesh backend: schema versions and diffs, topic health, consumer
 * lag and masked samples of the catalog's data products, and the governance
 * rules; and the actions for AI agents (find products, a product's
 * contract, validate a descriptor). Wiring only.
 *
 * @public
 */
export const dataMeshPlugin = createBackendPlugin({
  pluginId: 'data-mesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        // The one writer of products, shared with the scaffolder actions.
        writer: dataProductWriterServiceRef,
        // Caps on concurrent Kafka reads and synthetic generations.
        limits: requestLimitsServiceRef,
        // The suite's one way to Kafka, shared with the catalog module and
        // the scaffolder actions.
        kafka: kafkaServiceRef,
        // Actions for AI agents (served over MCP by the MCP actions backend).
        actionsRegistry: actionsRegistryServiceRef,
        // Access requests: their tables, the ACL worker's schedule, the
        // requester's teams, and word to owners and requesters.
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        cache,
        auth,
        catalog,
        writer,
        limits,
        kafka,
        actionsRegistry,
        database,
        scheduler,
        userInfo,
        notifications,
      }) {
        // Listed in the backend's permission metadata, so that policy
        // editors and `/.well-known/backstage/permissions/metadata` show them.
        permissionsRegistry.addPermissions(dataMeshPermissions);
        const mesh = readDataMeshConfig(config);
        const governance = readGovernanceRules(config);
        const registry = createSchemaRegistry(mesh.schemaRegistry);
        const schemas = new SchemaService(
          new SchemaRegistryRestClient(
            mesh.schemaRegistry,
            DEFAULT_CALL_TIMEOUT_MS,
          ),
        );
        const secrets = secretsOf(mesh);
        const decode = (buffer: Buffer) =>
          withTimeout(
            registry.decode(buffer),
            DEFAULT_CALL_TIMEOUT_MS,
            'the schema registry',
          );

        // Shared by the live views and the contract monitor's notices.
        const components = new ComponentIndex(catalog, auth);
        httpRouter.use(
          createRouter({
            logger,
            httpAuth,
            permissions,
            catalog,
            cache,
            schemas,
            kafka,
            components,
            decode,
            secrets,
            callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
            tailDeadlineMs: TAIL_DEADLINE_MS,
            liveCacheTtlMs: LIVE_CACHE_TTL_MS,
            governance,
            limits,
          }),
        );
        httpRouter.use(
          createProductWriteRouter({
            httpAuth,
            writer,
            secrets,
          }),
        );

        httpRouter.use(
          await createAccess({
            config: readAccessConfig(config),
            database,
            scheduler,
            logger,
            httpAuth,
            permissions,
            userInfo,
            catalog,
            notifications,
            kafka,
            secrets,
          }),
        );

        // The contract monitor: quality rules checked on live data.
        const { router: qualityRouter } = await createMonitor({
          config: readMonitorConfig(config),
          database,
          scheduler,
          logger,
          httpAuth,
          permissions,
          auth,
          catalog,
          notifications,
          kafka,
          schemas,
          decode,
          components,
          callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
          tailDeadlineMs: TAIL_DEADLINE_MS,
        });
        httpRouter.use(qualityRouter);

        // The same lookups and checks as the routes, as the caller.
        createFindDataProductsAction({ actionsRegistry, catalog, secrets });
        createGetDataProductContractAction({
          actionsRegistry,
          catalog,
          schemas,
          secrets,
        });
        createValidateDataProductAction({ actionsRegistry, writer, secrets });
      },
    });
  },
});
