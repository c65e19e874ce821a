export * from './types';
export {
  evaluateQualityRules,
  QUALITY_VALUE_UNMEASURED,
} from './evaluateQualityRules';
