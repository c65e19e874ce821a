import {
  CompatibilityLevel,
  DataProductEntity,
  DEFAULT_GOVERNANCE_RULES,
  GovernanceRules,
  parseIsoDuration,
} from '@kafka-mesh/plugin-data-mesh-common';
import { CHANGELOG_TAG } from './demoProducts';

export interface TopicSettings {
  numPartitions: number;
  configEntries: Array<{ name: string; value: string }>;
}

/**
 * Partitions and configs of a product's topic, as the governance rules
 * set them for its SLA tier. Changelog products (the latest record per key
 * is the state) are compacted; the others keep their records for the SLA's
 * retention, or the tier's default.
 */
export function topicSettingsOf(
  descriptor: DataProductEntity,
  rules: GovernanceRules = DEFAULT_GOVERNANCE_RULES,
): TopicSettings {
  const { tier, retention } = descriptor.spec.sla;
  const defaults = rules.topicDefaults[tier];
  const changelog = descriptor.metadata.tags?.includes(CHANGELOG_TAG) ?? false;
  return {
    numPartitions: rules.partitions.default,
    configEntries: changelog
      ? [{ name: 'cleanup.policy', value: 'compact' }]
      : [
          { name: 'cleanup.policy', value: defaults.cleanupPolicy },
          {
            name: 'retention.ms',
            value: String(parseIsoDuration(retention ?? defaults.retention)),
          },
        ],
  };
}

/**
 * The compatibility level of a product's subject: the governance minimum
 * for its tier, and Confluent's default, BACKWARD, where there is none.
 */
export function compatibilityOf(
  descriptor: DataProductEntity,
  rules: GovernanceRules = DEFAULT_GOVERNANCE_RULES,
): CompatibilityLevel {
  return rules.minCompatibility[descriptor.spec.sla.tier] ?? 'BACKWARD';
}
