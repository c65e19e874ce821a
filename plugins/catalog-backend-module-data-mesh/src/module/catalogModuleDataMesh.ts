import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  kafkaServiceRef,
  readDataMeshConfig,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { createListCandidateStreamsAction } from '../actions/listCandidateStreams';
import { listCandidateStreams } from '../lib/candidateStreams';
import { ConsumerGroupIndex } from '../lib/ConsumerGroupIndex';
import { IngestionErrors } from '../lib/IngestionErrors';
import { ProductIndex } from '../lib/ProductIndex';
import { RegistryStorageTopic } from '../lib/RegistryStorageTopic';
import { SchemaInspector } from '../lib/SchemaInspector';
import { TopicInspector } from '../lib/TopicInspector';
import { DataProductConsumerProcessor } from '../processors/DataProductConsumerProcessor';
import { DataProductProcessor } from '../processors/DataProductProcessor';
import { ConsumerGroupsProvider } from '../providers/ConsumerGroupsProvider';
import { DataProductProvider } from '../providers/DataProductProvider';
import { createRouter } from '../service/createRouter';
import { allowFileLocations } from './fileLocations';
import { readModuleConfig } from './readModuleConfig';

/**
 * The data mesh catalog module: wiring only.
 *
 * @public
 */
export const catalogModuleDataMesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        locations: catalogLocationsExtensionPoint,
        catalogApi: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        // The suite's one way to Kafka, shared with the backend plugin and
        // the scaffolder actions: admins, deadlines and recovery alike.
        kafka: kafkaServiceRef,
        // Actions for AI agents, in the catalog's actions registry.
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        catalog,
        locations,
        catalogApi,
        auth,
        config,
        logger,
        scheduler,
        httpRouter,
        lifecycle,
        kafka,
        actionsRegistry,
      }) {
        // The scaffolder's local repositories register `file` locations;
        // only where dataMesh.scaffolder.localRepositories.enabled (dev).
        if (allowFileLocations(config, locations)) {
          logger.info(
            'The catalog accepts file locations (dataMesh.scaffolder.localRepositories.enabled)',
          );
        }
        const mesh = readDataMeshConfig(config);
        const moduleConfig = readModuleConfig(config);
        const index = new ProductIndex();
        const errors = new IngestionErrors();
        const registry = new SchemaRegistryRestClient(mesh.schemaRegistry);

        const clusters = mesh.clusters.map(c => kafka.cluster(c.name));
        const storage = mesh.schemaRegistry.storageTopic;
        const schemas = new SchemaInspector(registry, {
          changes:
            storage &&
            new RegistryStorageTopic({
              cluster: kafka.cluster(storage.cluster),
              topic: storage.topic,
            }),
        });
        const providers = clusters.map(
          cluster =>
            new DataProductProvider({
              cluster,
              registryTopic: mesh.registryTopic,
              index,
              topics: new TopicInspector(cluster),
              schemas,
              errors,
              governance: moduleConfig.governance,
              logger,
            }),
        );
        const groups = new ConsumerGroupIndex(clusters);
        const consumers = new ConsumerGroupsProvider(groups, index);

        catalog.addEntityProvider([...providers, consumers]);
        catalog.addProcessor(
          new DataProductProcessor(
            async refs => {
              const unknown = refs.filter(ref => !index.has(ref));
              if (unknown.length === 0) return [];
              const { items } = await catalogApi.getEntitiesByRefs(
                { entityRefs: unknown, fields: ['kind', 'metadata.name'] },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return unknown.filter((_, i) => !items[i]);
            },
            moduleConfig.governance,
            // The providers' index: which topics published products own.
            index,
          ),
          new DataProductConsumerProcessor(groups, index),
        );

        // Local scope: every replica keeps its own provider state. It comes
        // after the configured schedule, whose reader sets `scope` (to
        // undefined, i.e. global) when the key is not configured.
        await scheduler.scheduleTask({
          id: 'data-mesh-enrichment',
          ...moduleConfig.enrichmentSchedule,
          scope: 'local',
          fn: async () => {
            await Promise.all(providers.map(p => p.refresh()));
          },
        });
        await scheduler.scheduleTask({
          id: 'data-mesh-consumer-groups',
          ...moduleConfig.consumerGroupSchedule,
          scope: 'local',
          fn: () => consumers.refresh(),
        });

        const candidates = () =>
          listCandidateStreams({ clusters, registry, index, schemas });
        httpRouter.use(
          createRouter({
            status: () => providers.map(p => p.status()),
            errors,
            candidates,
          }),
        );
        // The same list for AI agents (served over MCP by the MCP actions
        // backend), for any signed-in caller as the route is.
        createListCandidateStreamsAction({ actionsRegistry, candidates });

        // Only the module's own consumers: the admins are the Kafka
        // service's, which closes them when the whole backend stops.
        lifecycle.addShutdownHook(async () => {
          await Promise.all(providers.map(p => p.stop()));
        });
      },
    });
  },
});
