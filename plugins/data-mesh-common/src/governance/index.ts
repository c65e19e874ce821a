export * from './types';
export { DEFAULT_GOVERNANCE_RULES } from './defaults';
export { compatibilitySatisfies, checkCompatibility } from './compatibility';
export {
  checkTopicName,
  expectedTopicName,
  explainInvalidTopicNaming,
} from './topicNaming';
export {
  checkPartitions,
  checkRetention,
  checkRetentionMs,
} from './topicSettings';
export { checkSchemaFormat } from './schemaFormat';
export { checkQualityRuleCount } from './qualityRules';
export { checkDescriptorGovernance } from './checkDescriptorGovernance';
export { formatViolations } from './violations';
