import { ConfigReader } from '@backstage/config';
import { DEFAULT_GOVERNANCE_RULES } from '@kafka-mesh/plugin-data-mesh-common';
import { readGovernanceRules } from './readGovernanceRules';

const read = (governance: unknown) =>
  readGovernanceRules(new ConfigReader({ dataMesh: { governance } } as any));

describe('readGovernanceRules', () => {
  it('gives the defaults without a governance block', () => {
    const rules = readGovernanceRules(new ConfigReader({}));
    expect(rules).toEqual(DEFAULT_GOVERNANCE_RULES);
    // A copy: a caller changing its rules cannot change everyone's defaults.
    rules.allowedFormats.pop();
    rules.partitions.max = 99;
    expect(DEFAULT_GOVERNANCE_RULES.allowedFormats).toHaveLength(3);
    expect(DEFAULT_GOVERNANCE_RULES.partitions.max).toBe(12);
  });

  it('reads every rule', () => {
    expect(
      read({
        allowedFormats: ['protobuf'],
        topicNaming: '{domain}-{name}-{major}',
        minCompatibility: { 'tier-1': 'FULL_TRANSITIVE', 'tier-3': 'FORWARD' },
        minQualityRules: { 'tier-1': 2, 'tier-2': 1 },
        requiredFields: ['spec.classification'],
        requiredTags: ['pii-reviewed'],
        partitions: { min: 2, max: 24, default: 6 },
        replicationFactor: 2,
        retention: { min: 'P1D', max: 'P90D' },
        topicDefaults: {
          'tier-1': { retention: 'P60D', cleanupPolicy: 'compact,delete' },
          'tier-2': { retention: 'P14D', cleanupPolicy: 'compact' },
          'tier-3': { retention: 'P1D', cleanupPolicy: 'delete' },
        },
      }),
    ).toEqual({
      allowedFormats: ['protobuf'],
      topicNaming: '{domain}-{name}-{major}',
      minCompatibility: {
        'tier-1': 'FULL_TRANSITIVE',
        'tier-2': 'BACKWARD',
        'tier-3': 'FORWARD',
      },
      minQualityRules: { 'tier-1': 2, 'tier-2': 1 },
      requiredFields: ['spec.classification'],
      requiredTags: ['pii-reviewed'],
      partitions: { min: 2, max: 24, default: 6 },
      replicationFactor: 2,
      retention: { min: 'P1D', max: 'P90D' },
      topicDefaults: {
        'tier-1': { retention: 'P60D', cleanupPolicy: 'compact,delete' },
        'tier-2': { retention: 'P14D', cleanupPolicy: 'compact' },
        'tier-3': { retention: 'P1D', cleanupPolicy: 'delete' },
      },
    });
  });

  it('defaults each key of a partly written block on its own', () => {
    const rules = read({
      partitions: { max: 6 },
      retention: { max: 'P60D' },
      topicDefaults: { 'tier-2': { cleanupPolicy: 'compact' } },
    });
    expect(rules.partitions).toEqual({ min: 1, max: 6, default: 3 });
    expect(rules.retention).toEqual({ min: 'PT1H', max: 'P60D' });
    expect(rules.topicDefaults).toEqual({
      ...DEFAULT_GOVERNANCE_RULES.topicDefaults,
      'tier-2': { retention: 'P7D', cleanupPolicy: 'compact' },
    });
    expect(rules.minCompatibility).toEqual(
      DEFAULT_GOVERNANCE_RULES.minCompatibility,
    );
    expect(rules.minQualityRules).toEqual({});
    expect(read({ minQualityRules: { 'tier-1': 0 } }).minQualityRules).toEqual({
      'tier-1': 0,
    });
  });

  it.each([
    [
      'a misspelt rule',
      { minCompatability: { 'tier-1': 'FULL' } },
      'dataMesh.governance.minCompatability: unknown key; expected one of allowedFormats, topicNaming,',
    ],
    [
      'an unknown format',
      { allowedFormats: ['avro', 'xml'] },
      "dataMesh.governance.allowedFormats[1]: 'xml' is not one of avro, json, protobuf",
    ],
    [
      'no format at all',
      { allowedFormats: [] },
      'dataMesh.governance.allowedFormats: at least one format is required',
    ],
    [
      'an unknown naming placeholder',
      { topicNaming: '{team}.{name}' },
      'dataMesh.governance.topicNaming: unknown placeholder {team}; use {domain}, {name}, {major}',
    ],
    [
      'a naming rule without the product name',
      { topicNaming: '{domain}.v{major}' },
      'dataMesh.governance.topicNaming: {name} is missing',
    ],
    [
      'an unknown tier',
      { minCompatibility: { 'tier-4': 'NONE' } },
      'dataMesh.governance.minCompatibility.tier-4: unknown key; expected one of tier-1, tier-2, tier-3',
    ],
    [
      'an unknown compatibility level',
      { minCompatibility: { 'tier-2': 'backward' } },
      "dataMesh.governance.minCompatibility.tier-2: 'backward' is not one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE",
    ],
    [
      'a negative quality rule minimum',
      { minQualityRules: { 'tier-2': -1 } },
      'dataMesh.governance.minQualityRules.tier-2: -1 is not a whole number of at least 0',
    ],
    [
      'a quality rule minimum for an unknown tier',
      { minQualityRules: { gold: 1 } },
      'dataMesh.governance.minQualityRules.gold: unknown key; expected one of tier-1, tier-2, tier-3',
    ],
    [
      'a required field that is not a path',
      { requiredFields: ['spec.classification', 'spec..owner'] },
      "dataMesh.governance.requiredFields[1]: 'spec..owner' is not a dotted entity path",
    ],
    [
      'a fractional partition count',
      { partitions: { max: 2.5 } },
      'dataMesh.governance.partitions.max: 2.5 is not a whole number of at least 1',
    ],
    [
      'zero partitions',
      { partitions: { min: 0 } },
      'dataMesh.governance.partitions.min: 0 is not a whole number of at least 1',
    ],
    [
      'a partition range upside down',
      { partitions: { min: 8, max: 4, default: 4 } },
      'dataMesh.governance.partitions.min: 8 is above partitions.max, 4',
    ],
    [
      'a default partition count outside the range',
      { partitions: { max: 2 } },
      'dataMesh.governance.partitions.default: 3 partitions is above the maximum of 2 (dataMesh.governance.partitions.max)',
    ],
    [
      'an unknown partitions key',
      { partitions: { maximum: 2 } },
      'dataMesh.governance.partitions.maximum: unknown key; expected one of min, max, default',
    ],
    [
      'a zero replication factor',
      { replicationFactor: 0 },
      'dataMesh.governance.replicationFactor: 0 is not a whole number of at least 1',
    ],
    [
      'a retention bound that is not a duration',
      { retention: { max: '1 year' } },
      "dataMesh.governance.retention.max: '1 year' is not an ISO-8601 duration",
    ],
    [
      'a retention bound in months',
      { retention: { max: 'P1Y' } },
      "dataMesh.governance.retention.max: 'P1Y' uses years or months",
    ],
    [
      'a retention range upside down',
      { retention: { min: 'P2D', max: 'P1D' } },
      'dataMesh.governance.retention.min: P2D is above retention.max, P1D',
    ],
    [
      'a tier default outside the retention range',
      { retention: { max: 'P14D' } },
      'dataMesh.governance.topicDefaults.tier-1.retention: retention P30D is above the maximum P14D (dataMesh.governance.retention.max)',
    ],
    [
      'a tier default that is not a duration',
      { topicDefaults: { 'tier-3': { retention: '3 days' } } },
      "dataMesh.governance.topicDefaults.tier-3.retention: '3 days' is not an ISO-8601 duration",
    ],
    [
      'an unknown cleanup policy',
      { topicDefaults: { 'tier-2': { cleanupPolicy: 'compact, delete' } } },
      "dataMesh.governance.topicDefaults.tier-2.cleanupPolicy: 'compact, delete' is not one of delete, compact, compact,delete",
    ],
    [
      'an unknown tier default key',
      { topicDefaults: { 'tier-2': { partitions: 3 } } },
      'dataMesh.governance.topicDefaults.tier-2.partitions: unknown key; expected one of retention, cleanupPolicy',
    ],
    [
      'an unknown tier of defaults',
      { topicDefaults: { gold: { retention: 'P1D' } } },
      'dataMesh.governance.topicDefaults.gold: unknown key; expected one of tier-1, tier-2, tier-3',
    ],
  ])('rejects %s, naming the key', (_, governance, message) => {
    expect(() => read(governance)).toThrow(`Invalid config at ${message}`);
  });

  it('names the key of a value of the wrong type', () => {
    expect(() => read({ requiredTags: 'pii' })).toThrow(
      /dataMesh\.governance\.requiredTags/,
    );
    expect(() => read({ partitions: { max: 'many' } })).toThrow(
      /dataMesh\.governance\.partitions\.max/,
    );
  });
});
