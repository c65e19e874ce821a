/**
 * The Kafka data mesh catalog module: the DataProduct kind and the entity
 * provider that reads published products from Kafka.
 *
 * @packageDocumentation
 */
export { catalogModuleDataMesh as default } from './module/catalogModuleDataMesh';
export { DataProductProcessor } from './processors/DataProductProcessor';
export type {
  MissingEntities,
  PublishedTopics,
} from './processors/DataProductProcessor';
export {
  DataProductConsumerProcessor,
  LINEAGE_DRIFT_STATUS_TYPE,
} from './processors/DataProductConsumerProcessor';
export type { IngestionError } from './lib/IngestionErrors';
export type { DataProductProviderStatus } from './providers/DataProductProvider';
export type { RejectedUpdate } from './lib/RegistryState';
