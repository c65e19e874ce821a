import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  createKafka,
  readDataMeshConfig,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Kafka } from 'kafkajs';
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
import { readModuleConfig } from './readModuleConfig';

/** One connected admin client per cluster, reconnected after a failure. */
function sharedAdmin(kafka: Kafka): () => Promise<Admin> {
  let admin: Promise<Admin> | undefined;
  return () =>
    (admin ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      return client;
    })().catch(error => {
      admin = undefined;
      throw error;
    }));
}

/** The data mesh catalog module: wiring only. */
export const catalogModuleDataMesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        catalogApi: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        catalog,
        catalogApi,
        auth,
        config,
        logger,
        scheduler,
        httpRouter,
        lifecycle,
      }) {
        const mesh = readDataMeshConfig(config);
        const moduleConfig = readModuleConfig(config);
        const index = new ProductIndex();
        const errors = new IngestionErrors();
        const registry = new SchemaRegistryRestClient(mesh.schemaRegistry);

        const clusters = mesh.clusters.map(cluster => {
          // Few retries: the reader owns the backoff and reports outages.
          const kafka = createKafka(cluster, {
            clientId: mesh.clientId,
            retries: 2,
          });
          return { name: cluster.name, kafka, admin: sharedAdmin(kafka) };
        });
        const storage = mesh.schemaRegistry.storageTopic;
        const storageCluster =
          storage && clusters.find(c => c.name === storage.cluster)!;
        const schemas = new SchemaInspector(registry, {
          changes:
            storageCluster &&
            new RegistryStorageTopic({
              kafka: storageCluster.kafka,
              admin: storageCluster.admin,
              topic: storage.topic,
            }),
        });
        const providers = clusters.map(
          cluster =>
            new DataProductProvider({
              clusterName: cluster.name,
              registryTopic: mesh.registryTopic,
              kafka: cluster.kafka,
              index,
              topics: new TopicInspector(cluster.admin),
              schemas,
              errors,
              governance: moduleConfig.governance,
              logger,
            }),
        );
        const groups = new ConsumerGroupIndex(
          clusters.map(c => ({ cluster: c.name, admin: c.admin })),
        );
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

        // Local scope: every replica keeps its own provider state.
        await scheduler.scheduleTask({
          id: 'data-mesh-enrichment',
          scope: 'local',
          ...moduleConfig.enrichmentSchedule,
          fn: async () => {
            await Promise.all(providers.map(p => p.refresh()));
          },
        });
        await scheduler.scheduleTask({
          id: 'data-mesh-consumer-groups',
          scope: 'local',
          ...moduleConfig.consumerGroupSchedule,
          fn: () => consumers.refresh(),
        });

        httpRouter.use(
          createRouter({
            status: () => providers.map(p => p.status()),
            errors,
            candidates: () =>
              listCandidateStreams({ clusters, registry, index, schemas }),
          }),
        );

        lifecycle.addShutdownHook(async () => {
          await Promise.all(providers.map(p => p.stop()));
          await Promise.all(
            clusters.map(c =>
              c.admin().then(
                a => a.disconnect(),
                () => undefined,
              ),
            ),
          );
        });
      },
    });
  },
});
