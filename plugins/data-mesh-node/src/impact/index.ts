export {
  parseWireValue,
  recordReader,
  skipMessageIndexes,
} from './decodeRecord';
export type { RecordReader, WireValue } from './decodeRecord';
export { decodeRecords } from './decodeRecords';
export type {
  DecodedRecord,
  DecodedRecords,
  RawRecord,
  RecordFailure,
  SchemaById,
} from './decodeRecords';
export { downstreamProducts } from './downstreamProducts';
export type { DownstreamProduct } from './downstreamProducts';
export { maskExample, MASKED } from './maskExamples';
export { checkQuality, formatQualityCheck, severityOf } from './qualityCheck';
export type { CheckedRule, QualityCheckReport } from './qualityCheck';
export { readNewestRecords } from './readNewestRecords';
export { assessSchemaImpact, formatSchemaImpact } from './schemaImpact';
export type {
  ImpactConsumer,
  ImpactRegistry,
  SchemaImpactInput,
  SchemaImpactReport,
} from './schemaImpact';
