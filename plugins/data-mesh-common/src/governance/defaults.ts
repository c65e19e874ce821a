import { OUTPUT_FORMATS } from '../entity/types';
import type { GovernanceRules } from './types';

/**
 * The rules when `dataMesh.governance` says nothing: every format, topics
 * named `{domain}.{name}.v{major}`, safe schema evolution for the two upper
 * tiers, at least one quality rule on tier-1 products, and topic settings that match the tiers' promises.
 *
 * @public
 */
export const DEFAULT_GOVERNANCE_RULES: GovernanceRules = {
  allowedFormats: [...OUTPUT_FORMATS],
  topicNaming: '{domain}.{name}.v{major}',
  minCompatibility: { 'tier-1': 'BACKWARD_TRANSITIVE', 'tier-2': 'BACKWARD' },
  // None by default (existing products keep publishing); e.g. { 'tier-1': 1 }.
  minQualityRules: {},
  requiredFields: [],
  requiredTags: [],
  partitions: { min: 1, max: 12, default: 3 },
  replicationFactor: 3,
  retention: { min: 'PT1H', max: 'P365D' },
  topicDefaults: {
    'tier-1': { retention: 'P30D', cleanupPolicy: 'delete' },
    'tier-2': { retention: 'P7D', cleanupPolicy: 'delete' },
    'tier-3': { retention: 'P3D', cleanupPolicy: 'delete' },
  },
};
