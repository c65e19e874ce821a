import { Config, ConfigReader } from '@backstage/config';
import {
  checkPartitions,
  checkRetention,
  CLEANUP_POLICIES,
  COMPATIBILITY_LEVELS,
  DEFAULT_GOVERNANCE_RULES,
  explainInvalidTopicNaming,
  GOVERNANCE_CONFIG_KEY,
  GovernanceRules,
  GovernanceViolation,
  OUTPUT_FORMATS,
  parseIsoDuration,
  SLA_TIERS,
} from '@kafka-mesh/plugin-data-mesh-common';

const defaults = DEFAULT_GOVERNANCE_RULES;

/** `path` is relative to `dataMesh.governance`. */
function invalid(path: string, reason: string): Error {
  return new Error(
    `Invalid config at ${GOVERNANCE_CONFIG_KEY}.${path}: ${reason}`,
  );
}

/** A misspelt key would silently leave a rule at its default; refuse it. */
function rejectUnknownKeys(
  section: Config,
  prefix: string,
  known: readonly string[],
) {
  const unknown = section.keys().find(key => !known.includes(key));
  if (unknown !== undefined) {
    throw invalid(
      `${prefix}${unknown}`,
      `unknown key; expected one of ${known.join(', ')}`,
    );
  }
}

function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  path: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(path, `'${value}' is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function positiveInteger(
  section: Config,
  key: string,
  path: string,
  fallback: number,
): number {
  const value = section.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw invalid(path, `${value} is not a whole number of at least 1`);
  }
  return value;
}

function duration(
  section: Config,
  key: string,
  path: string,
  fallback: string | undefined,
): string | undefined {
  const value = section.getOptionalString(key) ?? fallback;
  if (value !== undefined) {
    try {
      parseIsoDuration(value);
    } catch (error) {
      throw invalid(path, (error as Error).message);
    }
  }
  return value;
}

/** Turns a rule's own complaint about a configured default into a config error. */
function rejectViolation(path: string, [violation]: GovernanceViolation[]) {
  if (violation) {
    throw invalid(path, `${violation.message} (${violation.configKey})`);
  }
}

function readAllowedFormats(governance: Config) {
  const formats = governance.getOptionalStringArray('allowedFormats');
  if (!formats) return [...defaults.allowedFormats];
  if (formats.length === 0) {
    throw invalid('allowedFormats', 'at least one format is required');
  }
  return formats.map((format, i) =>
    oneOf(format, OUTPUT_FORMATS, `allowedFormats[${i}]`),
  );
}

function readTopicNaming(governance: Config) {
  const template =
    governance.getOptionalString('topicNaming') ?? defaults.topicNaming;
  const problem = explainInvalidTopicNaming(template);
  if (problem) throw invalid('topicNaming', problem);
  return template;
}

function readMinCompatibility(governance: Config) {
  const levels = { ...defaults.minCompatibility };
  const section = governance.getOptionalConfig('minCompatibility');
  if (!section) return levels;
  rejectUnknownKeys(section, 'minCompatibility.', SLA_TIERS);
  for (const tier of SLA_TIERS) {
    const level = section.getOptionalString(tier);
    if (level !== undefined) {
      levels[tier] = oneOf(
        level,
        COMPATIBILITY_LEVELS,
        `minCompatibility.${tier}`,
      );
    }
  }
  return levels;
}

function readMinQualityRules(governance: Config) {
  const counts = { ...defaults.minQualityRules };
  const section = governance.getOptionalConfig('minQualityRules');
  if (!section) return counts;
  rejectUnknownKeys(section, 'minQualityRules.', SLA_TIERS);
  for (const tier of SLA_TIERS) {
    const count = section.getOptionalNumber(tier);
    if (count !== undefined) {
      if (!Number.isInteger(count) || count < 0) {
        throw invalid(
          `minQualityRules.${tier}`,
          `${count} is not a whole number of at least 0`,
        );
      }
      counts[tier] = count;
    }
  }
  return counts;
}

function readRequiredFields(governance: Config) {
  const fields = governance.getOptionalStringArray('requiredFields') ?? [
    ...defaults.requiredFields,
  ];
  fields.forEach((field, i) => {
    if (!/^[^.\s]+(?:\.[^.\s]+)*$/.test(field)) {
      throw invalid(
        `requiredFields[${i}]`,
        `'${field}' is not a dotted entity path such as spec.classification`,
      );
    }
  });
  return fields;
}

function readPartitions(governance: Config) {
  const section = governance.getOptionalConfig('partitions');
  if (!section) return { ...defaults.partitions };
  rejectUnknownKeys(section, 'partitions.', ['min', 'max', 'default']);
  const read = (key: 'min' | 'max' | 'default') =>
    positiveInteger(
      section,
      key,
      `partitions.${key}`,
      defaults.partitions[key],
    );
  const partitions = {
    min: read('min'),
    max: read('max'),
    default: read('default'),
  };
  if (partitions.min > partitions.max) {
    throw invalid(
      'partitions.min',
      `${partitions.min} is above partitions.max, ${partitions.max}`,
    );
  }
  rejectViolation(
    'partitions.default',
    checkPartitions(partitions.default, { partitions }),
  );
  return partitions;
}

function readRetention(governance: Config) {
  const section = governance.getOptionalConfig('retention');
  if (!section) return { ...defaults.retention };
  rejectUnknownKeys(section, 'retention.', ['min', 'max']);
  const min = duration(section, 'min', 'retention.min', defaults.retention.min);
  const max = duration(section, 'max', 'retention.max', defaults.retention.max);
  if (min && max && parseIsoDuration(min) > parseIsoDuration(max)) {
    throw invalid('retention.min', `${min} is above retention.max, ${max}`);
  }
  return { min, max };
}

function readTopicDefaults(
  governance: Config,
  retention: GovernanceRules['retention'],
) {
  const section = governance.getOptionalConfig('topicDefaults');
  if (section) rejectUnknownKeys(section, 'topicDefaults.', SLA_TIERS);
  const read = (tier: (typeof SLA_TIERS)[number]) => {
    const fallback = defaults.topicDefaults[tier];
    const tierSection = section?.getOptionalConfig(tier);
    if (!tierSection) return { ...fallback };
    const path = `topicDefaults.${tier}`;
    rejectUnknownKeys(tierSection, `${path}.`, ['retention', 'cleanupPolicy']);
    const tierRetention = duration(
      tierSection,
      'retention',
      `${path}.retention`,
      fallback.retention,
    )!;
    const cleanupPolicy = tierSection.getOptionalString('cleanupPolicy');
    return {
      retention: tierRetention,
      cleanupPolicy: cleanupPolicy
        ? oneOf(cleanupPolicy, CLEANUP_POLICIES, `${path}.cleanupPolicy`)
        : fallback.cleanupPolicy,
    };
  };
  const topicDefaults = {
    'tier-1': read('tier-1'),
    'tier-2': read('tier-2'),
    'tier-3': read('tier-3'),
  };
  // Checked after reading, so that a default outside a configured range is
  // reported too: topic creation would otherwise make topics the rules flag.
  for (const tier of SLA_TIERS) {
    rejectViolation(
      `topicDefaults.${tier}.retention`,
      checkRetention(topicDefaults[tier].retention, { retention }),
    );
  }
  return topicDefaults;
}

const KEYS: ReadonlyArray<keyof GovernanceRules> = [
  'allowedFormats',
  'topicNaming',
  'minCompatibility',
  'minQualityRules',
  'requiredFields',
  'requiredTags',
  'partitions',
  'replicationFactor',
  'retention',
  'topicDefaults',
];

/**
 * Reads `dataMesh.governance`, every key defaulting to
 * DEFAULT_GOVERNANCE_RULES, and refuses a bad value at startup with the
 * exact key at fault.
 *
 * @public
 */
export function readGovernanceRules(config: Config): GovernanceRules {
  const governance =
    config.getOptionalConfig(GOVERNANCE_CONFIG_KEY) ?? new ConfigReader({});
  rejectUnknownKeys(governance, '', KEYS);
  const retention = readRetention(governance);
  return {
    allowedFormats: readAllowedFormats(governance),
    topicNaming: readTopicNaming(governance),
    minCompatibility: readMinCompatibility(governance),
    minQualityRules: readMinQualityRules(governance),
    requiredFields: readRequiredFields(governance),
    requiredTags: governance.getOptionalStringArray('requiredTags') ?? [
      ...defaults.requiredTags,
    ],
    partitions: readPartitions(governance),
    replicationFactor: positiveInteger(
      governance,
      'replicationFactor',
      'replicationFactor',
      defaults.replicationFactor,
    ),
    retention,
    topicDefaults: readTopicDefaults(governance, retention),
  };
}
