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
export {
  readPermissionsConfig,
  DEFAULT_ADMIN_GROUPS,
} from './config/readPermissionsConfig';
export {
  readAccessConfig,
  DEFAULT_ACCESS_CONFIG,
  DEFAULT_CLASSIFICATION,
} from './config/readAccessConfig';
export type { DataMeshAccessConfig } from './config/readAccessConfig';
export { readGovernanceRules } from './governance/readGovernanceRules';
export { createKafka } from './kafka/createKafka';
export { createTopics } from './kafka/createTopics';
export type { CreateTopicsOptions } from './kafka/createTopics';
export {
  createAcls,
  deleteAcls,
  describeAcls,
  fromAclEntry,
  toAclEntry,
} from './kafka/acls';
export type { AclQuery } from './kafka/acls';
export { readOffsetRanges } from './kafka/readOffsetRanges';
export { readTail, TAIL_GROUP_PREFIX } from './kafka/readTail';
export type {
  OffsetRange,
  RangeRecord,
  ReadOffsetRangesOptions,
} from './kafka/readOffsetRanges';
export { UpstreamTimeoutError, withTimeout } from './kafka/withTimeout';
export {
  DEFAULT_KAFKA_CALL_TIMEOUT_MS,
  DefaultKafkaService,
} from './kafka/KafkaService';
export type {
  KafkaCluster,
  KafkaService,
  KafkaServiceOptions,
} from './kafka/KafkaService';
export { kafkaServiceRef } from './kafka/kafkaServiceRef';
export {
  KafkaUnavailableError,
  KafkaNotAuthorizedError,
  isKafkaAuthorizationError,
  isUnknownTopicError,
} from './kafka/errors';
export {
  committedOffsets,
  consumerGroupIds,
  isPortalGroup,
} from './kafka/consumerGroups';
export type { CommittedPartition, GroupOffsets } from './kafka/consumerGroups';
export type { CreateKafkaOptions } from './kafka/createKafka';
export { createSchemaRegistry } from './registry/createSchemaRegistry';
export {
  SchemaRegistryRestClient,
  RegistryUnavailableError,
} from './registry/SchemaRegistryRestClient';
export { RegistryNotAuthorizedError } from './registry/errors';
export type {
  CompatibilityResult,
  RegistrySchema,
  SubjectVersion,
} from './registry/SchemaRegistryRestClient';
export { SchemaSyntaxError } from './schema/SchemaSyntaxError';
export type { SchemaErrorLocation } from './schema/SchemaSyntaxError';
export { parseSchema } from './schema/parseSchema';
export {
  protobufMessageShape,
  registrySchemaOf,
} from './schema/registrySchema';
export type { ParsedSchema } from './schema/parseSchema';
export {
  formatOfSchemaType,
  SCHEMA_TYPE_OF_FORMAT,
} from './schema/schemaTypes';
export type { RegistrySchemaType } from './schema/schemaTypes';
export { recordValidator } from './schema/recordValidator';
export type { RecordValidator } from './schema/recordValidator';
export { describeIncompatibilities } from './schema/compatibility/describeIncompatibilities';
export {
  generateSyntheticRecords,
  generateSyntheticRecordsAsync,
  MAX_SYNTHETIC_RECORDS,
} from './schema/synthetic/generateSyntheticRecords';
export type { SyntheticRecordsOptions } from './schema/synthetic/generateSyntheticRecords';
export { DEFAULT_SYNTHETIC_LIMITS } from './schema/synthetic/syntheticLimits';
export type { SyntheticLimits } from './schema/synthetic/syntheticLimits';
export { DEFAULT_SYNTHETIC_SEED } from './schema/synthetic/syntheticFaker';
export { toJsonSafe } from './json/toJsonSafe';
export { mapLimited } from './async/mapLimited';
export {
  ensureRegistryTopic,
  publishDescriptor,
  unpublishDescriptor,
} from './registryTopic/registryTopic';
export { readRegistryTopic } from './registryTopic/readRegistryTopic';
export type { ReadRegistryTopicOptions } from './registryTopic/readRegistryTopic';
export { READER_GROUP_PREFIX } from './registryTopic/RegistryRecord';
export type { RegistryRecord } from './registryTopic/RegistryRecord';
export { RegistryTopicReader } from './registryTopic/RegistryTopicReader';
export type {
  RegistryTopicCluster,
  RegistryTopicListener,
  RegistryTopicReaderOptions,
} from './registryTopic/RegistryTopicReader';
export { RegistryTopicMissingError } from './registryTopic/errors';
export { parseDescriptorRecord } from './registryTopic/parseDescriptorRecord';
export type { DescriptorRecord } from './registryTopic/parseDescriptorRecord';
export { DataMeshClients } from './products/DataMeshClients';
export { DataProductWriter } from './products/DataProductWriter';
export type {
  DeprecateRequest,
  DeprecateResult,
  PublishResult,
  UnpublishResult,
  WriteOptions,
} from './products/DataProductWriter';
export { dataProductWriterServiceRef } from './products/dataProductWriterServiceRef';
export { ProductAccess, withOwnerRelation } from './products/productAccess';
export type { BarrierRequest, BarrierResult } from './products/publishBarrier';
export { checkPublishBarrier } from './products/publishBarrier';
export { findDataProduct, loadUpstream } from './products/catalogLookups';
export type { CatalogReader } from './products/catalogLookups';
export { ownersOfConsumers } from './products/consumersOf';
export {
  assertPublishedThroughRegistry,
  descriptorOf,
  checkedDescriptor,
  publishToRegistry,
  tombstoneInRegistry,
} from './products/descriptors';
export {
  incompatibilities,
  parseOrExplain,
  readSubject,
} from './products/schemaChecks';
export type { SubjectState } from './products/schemaChecks';
export { readersOfTopic } from './products/topicReaders';
export type { TopicReader } from './products/topicReaders';
export {
  isPublishedProduct,
  productOwningSubject,
  productOwningTopic,
} from './products/topicOwner';
export * from './impact';
