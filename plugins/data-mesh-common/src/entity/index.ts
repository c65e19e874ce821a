export * from './types';
export { dataProductEntitySchema } from './dataProductEntitySchema';
export {
  validateDataProductEntity,
  formatValidationErrors,
} from './validateDataProductEntity';
export type {
  DataProductValidationError,
  DataProductValidationResult,
} from './validateDataProductEntity';
export {
  isDataProductEntity,
  productIdOf,
  parseProductId,
  toDataProductRef,
  inputRefsOf,
  schemaSubjectOf,
  statusOf,
} from './helpers';
export { processorGroupKeysOf, relationLineageOf } from './lineage';
export type { RelationLineage } from './lineage';
export type {
  TopicFacts,
  SchemaFacts,
  DataProductObserved,
  ObservedProcessorLineage,
} from './observed';
