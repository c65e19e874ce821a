import {
  QUALITY_OPERATORS,
  QualityRule,
  QualityMetric,
} from '../quality/types';
import { OdcsQualityCheck, OdcsSchemaProperty, orderKeys } from './odcsSchema';
import type { OdcsSlaProperty } from './slaProperties';

/*
 * How spec.qualityRules map to ODCS v3.1:
 *
 *   nullValues, invalidValues, duplicateValues, rowCount
 *       → `quality` checks of type library with the same metric, operator,
 *         arguments, unit and severity; the rule name is the check's name
 *         and id. A rule on a property sits on that property of the schema
 *         object (dotted paths descend into objects and array items); a rule
 *         without one (rowCount), or on a property the schema does not have
 *         (or no schema given), sits on the schema object, the latter with
 *         a `property` custom property naming the path. `dimension` follows
 *         the metric (completeness, conformity, uniqueness).
 *   freshness
 *       → an SLA property, since ODCS's library has no freshness metric:
 *         `latency` (ODCS's name for the age of the newest data, which the
 *         declared SLA's freshness also maps to) with the rule's bound in
 *         seconds (`unit: s`), `id` the rule name (the declared SLA's latency
 *         has none), `driver: operational` (it is checked on the stream),
 *         `element` the schema object. A bound is the upper one of
 *         mustBeLessOrEqualTo, mustBeLessThan, mustBe or mustBeBetween; a rule
 *         with another operator has no SLA property. Every freshness rule
 *         also goes whole into the contract's `freshnessRules` custom
 *         property, which the import reads first.
 */

export const FRESHNESS_RULES = 'freshnessRules';
const PROPERTY_PATH = 'property';

const DIMENSIONS: Record<Exclude<QualityMetric, 'freshness'>, string> = {
  nullValues: 'completeness',
  invalidValues: 'conformity',
  duplicateValues: 'uniqueness',
  rowCount: 'completeness',
};

const STABLE_ID = /^[A-Za-z0-9_-]+$/;

function operatorOf(rule: QualityRule) {
  const operator = QUALITY_OPERATORS.find(op => rule[op] !== undefined);
  return operator ? { [operator]: rule[operator] } : {};
}

function toCheck(rule: QualityRule, withPath: boolean): OdcsQualityCheck {
  return orderKeys({
    ...(STABLE_ID.test(rule.name) ? { id: rule.name } : {}),
    name: rule.name,
    description: rule.description,
    type: 'library' as const,
    dimension: DIMENSIONS[rule.metric as keyof typeof DIMENSIONS],
    metric: rule.metric,
    arguments:
      rule.arguments && Object.keys(rule.arguments).length
        ? rule.arguments
        : undefined,
    ...operatorOf(rule),
    unit: rule.unit,
    severity: rule.severity,
    ...(withPath && rule.property
      ? {
          customProperties: [{ property: PROPERTY_PATH, value: rule.property }],
        }
      : {}),
  });
}

/** The property at a dotted path, through objects and array items. */
export function propertyAt(
  properties: OdcsSchemaProperty[],
  path: string,
): OdcsSchemaProperty | undefined {
  const [head, ...rest] = path.split('.');
  const found = properties.find(p => p.name === head);
  if (!found || !rest.length) return found;
  const children = found.properties ?? found.items?.properties ?? [];
  return propertyAt(children, rest.join('.'));
}

/**
 * Places the rules: library checks on the properties (mutated) or returned
 * for the schema object, freshness as SLA properties and in full.
 */
export function placeQualityRules(
  rules: QualityRule[],
  properties: OdcsSchemaProperty[],
  element: string,
): {
  objectChecks: OdcsQualityCheck[];
  slaProperties: OdcsSlaProperty[];
  freshnessRules: QualityRule[];
} {
  const objectChecks: OdcsQualityCheck[] = [];
  const slaProperties: OdcsSlaProperty[] = [];
  const freshnessRules: QualityRule[] = [];
  for (const rule of rules) {
    if (rule.metric === 'freshness') {
      freshnessRules.push(rule);
      const bound =
        rule.mustBeLessOrEqualTo ??
        rule.mustBeLessThan ??
        rule.mustBe ??
        rule.mustBeBetween?.[1];
      if (bound !== undefined) {
        slaProperties.push(
          orderKeys({
            ...(STABLE_ID.test(rule.name) ? { id: rule.name } : {}),
            property: 'latency',
            value: bound,
            unit: 's',
            element,
            driver: 'operational',
            description: rule.description ?? `quality rule ${rule.name}`,
          }),
        );
      }
      continue;
    }
    const target = rule.property
      ? propertyAt(properties, rule.property)
      : undefined;
    if (target) {
      target.quality = [...(target.quality ?? []), toCheck(rule, false)];
    } else {
      objectChecks.push(toCheck(rule, true));
    }
  }
  return { objectChecks, slaProperties, freshnessRules };
}

function fromCheck(check: OdcsQualityCheck, path?: string): QualityRule {
  const custom = new Map(
    (check.customProperties ?? []).map(p => [p.property, p.value]),
  );
  const property = path ?? (custom.get(PROPERTY_PATH) as string | undefined);
  const operator = QUALITY_OPERATORS.find(op => check[op] !== undefined);
  return JSON.parse(
    JSON.stringify({
      name: check.name ?? check.id,
      description: check.description,
      metric: check.metric,
      property,
      arguments: check.arguments,
      unit: check.unit,
      severity: check.severity,
      ...(operator ? { [operator]: check[operator] } : {}),
    }),
  );
}

function collectChecks(
  properties: OdcsSchemaProperty[] | undefined,
  prefix: string,
  out: QualityRule[],
) {
  for (const property of properties ?? []) {
    const path = prefix ? `${prefix}.${property.name}` : property.name;
    for (const check of property.quality ?? []) {
      if (check.type === undefined || check.type === 'library') {
        out.push(fromCheck(check, path));
      }
    }
    collectChecks(property.properties ?? property.items?.properties, path, out);
  }
}

/**
 * Reads back the rules {@link placeQualityRules} placed: the schema object's
 * checks, then the properties' (depth first), then freshness.
 */
export function readQualityRules(
  schemaObject:
    | { quality?: OdcsQualityCheck[]; properties?: OdcsSchemaProperty[] }
    | undefined,
  slaProperties: OdcsSlaProperty[],
  freshnessRules: QualityRule[] | undefined,
): QualityRule[] {
  const rules: QualityRule[] = [];
  for (const check of schemaObject?.quality ?? []) {
    if (check.type === undefined || check.type === 'library') {
      rules.push(fromCheck(check));
    }
  }
  collectChecks(schemaObject?.properties, '', rules);
  if (freshnessRules) {
    rules.push(...freshnessRules);
  } else {
    for (const sla of slaProperties) {
      if (
        sla.id &&
        sla.property.toLocaleLowerCase('en-US') === 'latency' &&
        typeof sla.value === 'number' &&
        ['s', 'sec', 'second', 'seconds'].includes(String(sla.unit))
      ) {
        rules.push({
          name: sla.id,
          metric: 'freshness',
          mustBeLessOrEqualTo: sla.value,
          unit: 'seconds',
        });
      }
    }
  }
  return rules;
}
