import { parseEntityRef } from '@backstage/catalog-model';
import type { DataProductEntity } from '../entity/types';
import { checkCompatibility } from './compatibility';
import { checkQualityRuleCount } from './qualityRules';
import { checkSchemaFormat } from './schemaFormat';
import { checkTopicName } from './topicNaming';
import {
  checkPartitions,
  checkRetention,
  checkRetentionMs,
} from './topicSettings';
import {
  COMPATIBILITY_LEVELS,
  CompatibilityLevel,
  GovernanceRules,
  GovernanceViolation,
} from './types';
import { violation } from './violations';

/** Prefixes each message with what it is about. */
const about =
  (subject: string) =>
  (v: GovernanceViolation): GovernanceViolation => ({
    ...v,
    message: `${subject}: ${v.message}`,
  });

function valueAt(root: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      root,
    );
}

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

const isCompatibilityLevel = (
  level: string | undefined,
): level is CompatibilityLevel =>
  (COMPATIBILITY_LEVELS as readonly (string | undefined)[]).includes(level);

/** What Kafka and the registry reported, when the catalog provider added it. */
function checkObserved(
  entity: DataProductEntity,
  rules: GovernanceRules,
): GovernanceViolation[] {
  const { observed, output, sla } = entity.spec;
  const topic = observed?.topic.status === 'ok' ? observed.topic : undefined;
  const schema =
    observed?.schema.status === 'registered' ? observed.schema : undefined;
  const onTopic = about(`topic '${output.topic}'`);
  return [
    ...(topic ? checkPartitions(topic.partitions, rules).map(onTopic) : []),
    ...(topic?.retentionMs !== undefined
      ? checkRetentionMs(topic.retentionMs, rules).map(onTopic)
      : []),
    ...(schema && isCompatibilityLevel(schema.compatibility)
      ? checkCompatibility(sla.tier, schema.compatibility, rules).map(
          about(`subject '${schema.subject}'`),
        )
      : []),
  ];
}

/**
 * Every rule a descriptor breaks: output format, topic name, required
 * fields and tags, the number of quality rules the tier needs, and the
 * SLA's retention; plus the partitions, retention
 * and compatibility level Kafka and the registry report, when `spec.observed`
 * holds them. Expects a descriptor that passed validateDataProductEntity.
 *
 * @public
 */
export function checkDescriptorGovernance(
  entity: DataProductEntity,
  rules: GovernanceRules,
): GovernanceViolation[] {
  const { metadata, spec } = entity;
  const domain = parseEntityRef(spec.domain, { defaultKind: 'Domain' }).name;
  const tags = metadata.tags ?? [];
  return [
    ...checkSchemaFormat(spec.output.format, rules).map(
      about('spec.output.format'),
    ),
    ...checkTopicName(
      spec.output.topic,
      { domain, name: metadata.name },
      rules,
    ).map(about('spec.output.topic')),
    ...rules.requiredFields
      .filter(path => isBlank(valueAt(entity, path)))
      .map(path =>
        violation('required-fields', 'requiredFields', `${path}: is required`),
      ),
    ...rules.requiredTags
      .filter(tag => !tags.includes(tag))
      .map(tag =>
        violation(
          'required-tags',
          'requiredTags',
          `metadata.tags: must include '${tag}'`,
        ),
      ),
    ...checkQualityRuleCount(
      spec.sla.tier,
      spec.qualityRules?.length ?? 0,
      rules,
    ).map(about('spec.qualityRules')),
    ...(spec.sla.retention
      ? checkRetention(spec.sla.retention, rules).map(
          about('spec.sla.retention'),
        )
      : []),
    ...checkObserved(entity, rules),
  ];
}
