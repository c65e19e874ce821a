import type { DataProductEntity } from '../entity/types';
import type { DataProductObserved } from '../entity/observed';
import { fullDataProduct } from '../testUtils/fullDataProduct';
import { checkDescriptorGovernance } from './checkDescriptorGovernance';
import { DEFAULT_GOVERNANCE_RULES } from './defaults';
import type { GovernanceRules } from './types';

const rules = DEFAULT_GOVERNANCE_RULES;

// The default rules want a quality rule on tier-1 products.
const qualityRules: DataProductEntity['spec']['qualityRules'] = [
  {
    name: 'order-id-present',
    metric: 'nullValues',
    property: 'orderId',
    mustBe: 0,
  },
];

function product(
  spec: Partial<DataProductEntity['spec']> = {},
  metadata: Partial<DataProductEntity['metadata']> = {},
): DataProductEntity {
  return {
    ...fullDataProduct,
    metadata: { ...fullDataProduct.metadata, ...metadata },
    spec: { ...fullDataProduct.spec, qualityRules, ...spec },
  };
}

const observed = (
  topic: DataProductObserved['topic'],
  schema: DataProductObserved['schema'],
): DataProductObserved => ({
  topic,
  schema,
  effectiveSla: {
    tier: 'tier-1',
    availability: 99.9,
    freshness: 'PT5M',
    supportHours: '24x7',
  },
  limitedBy: {},
  slaWarnings: [],
  missingInputs: [],
});

const messages = (entity: DataProductEntity, custom: GovernanceRules = rules) =>
  checkDescriptorGovernance(entity, custom).map(v => v.message);

const withQualityRule = product();

describe('checkDescriptorGovernance', () => {
  it('finds nothing wrong with a descriptor that keeps the default rules', () => {
    expect(checkDescriptorGovernance(withQualityRule, rules)).toEqual([]);
  });

  it('checks the number of quality rules the tier needs', () => {
    // None are needed unless configured.
    expect(
      checkDescriptorGovernance(fullDataProduct, DEFAULT_GOVERNANCE_RULES),
    ).toEqual([]);
    expect(
      checkDescriptorGovernance(fullDataProduct, {
        ...rules,
        minQualityRules: { 'tier-1': 1 },
      }),
    ).toEqual([
      {
        rule: 'min-quality-rules',
        configKey: 'dataMesh.governance.minQualityRules.tier-1',
        message:
          'spec.qualityRules: 0 quality rules, but tier-1 products need at least 1',
      },
    ]);
    expect(
      messages(withQualityRule, {
        ...rules,
        minQualityRules: { 'tier-1': 2 },
      }),
    ).toEqual([
      'spec.qualityRules: 1 quality rule, but tier-1 products need at least 2',
    ]);
    expect(
      messages(
        product({ sla: { ...fullDataProduct.spec.sla, tier: 'tier-3' } }),
      ),
    ).toEqual([]);
  });

  it('checks the output format', () => {
    expect(
      checkDescriptorGovernance(product(), {
        ...rules,
        allowedFormats: ['protobuf'],
      }),
    ).toEqual([
      {
        rule: 'allowed-formats',
        configKey: 'dataMesh.governance.allowedFormats',
        message:
          'spec.output.format: format avro is not allowed; allowed: protobuf',
      },
    ]);
  });

  it('checks the topic name against the domain and product name', () => {
    const entity = product({
      output: { ...fullDataProduct.spec.output, topic: 'orders.v1' },
    });
    expect(checkDescriptorGovernance(entity, rules)).toEqual([
      {
        rule: 'topic-naming',
        configKey: 'dataMesh.governance.topicNaming',
        message:
          "spec.output.topic: topic 'orders.v1' does not follow the naming rule '{domain}.{name}.v{major}', e.g. 'commerce.orders-placed.v1'",
      },
    ]);
  });

  it('takes the domain name from a full domain ref', () => {
    expect(messages(product({ domain: 'domain:default/commerce' }))).toEqual(
      [],
    );
  });

  it('wants every required field filled, by dotted path', () => {
    const custom = {
      ...rules,
      requiredFields: [
        'spec.classification',
        'spec.quality',
        'metadata.description',
        'spec.piiFields',
        'spec.sla.responseTime',
      ],
    };
    expect(messages(product(), custom)).toEqual([]);
    const { classification: _c, quality: _q, ...spec } = fullDataProduct.spec;
    const sparse: DataProductEntity = {
      ...fullDataProduct,
      metadata: { ...fullDataProduct.metadata, description: '  ' },
      spec: {
        ...spec,
        qualityRules,
        piiFields: [],
        sla: { ...spec.sla, responseTime: undefined },
      },
    };
    expect(checkDescriptorGovernance(sparse, custom)).toEqual(
      [
        'spec.classification',
        'spec.quality',
        'metadata.description',
        'spec.piiFields',
        'spec.sla.responseTime',
      ].map(path => ({
        rule: 'required-fields',
        configKey: 'dataMesh.governance.requiredFields',
        message: `${path}: is required`,
      })),
    );
  });

  it('wants every required tag, one violation each', () => {
    const custom = { ...rules, requiredTags: ['pii', 'gdpr', 'tier'] };
    expect(messages(product(), custom)).toEqual([
      "metadata.tags: must include 'gdpr'",
      "metadata.tags: must include 'tier'",
    ]);
    expect(messages(product({}, { tags: undefined }), custom)).toHaveLength(3);
  });

  it("checks the SLA's retention against the allowed range", () => {
    const entity = product({
      sla: { ...fullDataProduct.spec.sla, retention: 'PT10M' },
    });
    expect(checkDescriptorGovernance(entity, rules)).toEqual([
      {
        rule: 'retention',
        configKey: 'dataMesh.governance.retention.min',
        message:
          'spec.sla.retention: retention PT10M is below the minimum PT1H',
      },
    ]);
    const { retention: _r, ...withoutRetention } = fullDataProduct.spec.sla;
    expect(messages(product({ sla: withoutRetention }))).toEqual([]);
  });

  it('checks observed partitions, retention and compatibility when present', () => {
    const entity = product({
      observed: observed(
        {
          status: 'ok',
          partitions: 24,
          replicationFactor: 1,
          retentionMs: -1,
          cleanupPolicy: 'delete',
        },
        {
          status: 'registered',
          subject: 'commerce.orders-placed.v1-value',
          version: 1,
          id: 7,
          format: 'avro',
          compatibility: 'BACKWARD',
        },
      ),
    });
    expect(checkDescriptorGovernance(entity, rules)).toEqual([
      {
        rule: 'partitions',
        configKey: 'dataMesh.governance.partitions.max',
        message:
          "topic 'commerce.orders-placed.v1': 24 partitions is above the maximum of 12",
      },
      {
        rule: 'retention',
        configKey: 'dataMesh.governance.retention.max',
        message:
          "topic 'commerce.orders-placed.v1': retention forever is above the maximum P365D",
      },
      {
        rule: 'min-compatibility',
        configKey: 'dataMesh.governance.minCompatibility.tier-1',
        message:
          "subject 'commerce.orders-placed.v1-value': compatibility BACKWARD is not BACKWARD_TRANSITIVE or stricter, as tier-1 products need",
      },
    ]);
  });

  it('says nothing about facts Kafka or the registry could not give', () => {
    const subject = 'commerce.orders-placed.v1-value';
    for (const facts of [
      observed({ status: 'missing' }, { status: 'missing', subject }),
      observed({ status: 'unknown' }, { status: 'unknown', subject }),
      observed(
        { status: 'ok', partitions: 3, replicationFactor: 1 },
        {
          status: 'registered',
          subject,
          version: 1,
          id: 1,
          format: 'avro',
          // A level this suite does not know is not judged.
          compatibility: 'SOMETHING_NEW',
        },
      ),
    ]) {
      expect(messages(product({ observed: facts }))).toEqual([]);
    }
  });

  it('reports every broken rule together', () => {
    const entity = product(
      {
        output: {
          cluster: 'local',
          topic: 'orders',
          format: 'json',
        },
      },
      { tags: [] },
    );
    expect(
      checkDescriptorGovernance(entity, {
        ...rules,
        allowedFormats: ['avro'],
        requiredTags: ['pii'],
      }).map(v => v.rule),
    ).toEqual(['allowed-formats', 'topic-naming', 'required-tags']);
  });
});
