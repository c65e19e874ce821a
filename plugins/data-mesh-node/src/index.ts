/**
 * Backend-only shared code for the Kafka data mesh suite.
 *
 * @packageDocumentation
 */
export * from './config/types';
export {
  readDataMeshConfig,
  DEFAULT_CLIENT_ID,
} from './config/readDataMeshConfig';
export { createKafka } from './kafka/createKafka';
export type { CreateKafkaOptions } from './kafka/createKafka';
export { createSchemaRegistry } from './registry/createSchemaRegistry';
export {
  SchemaRegistryRestClient,
  RegistryUnavailableError,
} from './registry/SchemaRegistryRestClient';
export type { SubjectVersion } from './registry/SchemaRegistryRestClient';
export {
  ensureRegistryTopic,
  publishDescriptor,
  unpublishDescriptor,
} from './registryTopic/registryTopic';
