import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { DefaultKafkaService, KafkaService } from './KafkaService';

/**
 * The suite's Kafka clusters, one instance per backend (root scope): the
 * catalog module, the backend plugin and the scaffolder actions share its
 * admins, deadlines, concurrency bounds and recovery.
 *
 * @public
 */
export const kafkaServiceRef = createServiceRef<KafkaService>({
  id: 'data-mesh.kafka',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        lifecycle: coreServices.rootLifecycle,
      },
      factory({ config, lifecycle }) {
        const kafka = new DefaultKafkaService(readDataMeshConfig(config));
        lifecycle.addShutdownHook(() => kafka.stop());
        return kafka;
      },
    }),
});
