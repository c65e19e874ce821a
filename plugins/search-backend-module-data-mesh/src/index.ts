/**
 * A search backend module for the Kafka data mesh: indexes DataProducts
 * with the field names and docs of their registered schemas.
 *
 * @packageDocumentation
 */
export { searchModuleDataMesh as default } from './module';
export {
  DataProductCollatorFactory,
  DATA_PRODUCT_DOCUMENT_TYPE,
} from './collator/DataProductCollatorFactory';
export type { DataProductCollatorFactoryOptions } from './collator/DataProductCollatorFactory';
export type { DataProductDocument } from './collator/DataProductDocument';
export type { SchemaById } from './collator/SchemaFieldSource';
export type { IndexedField } from './collator/schemaFields';
