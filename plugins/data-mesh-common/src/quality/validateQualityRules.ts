import { QUALITY_OPERATORS, QualityMetric } from './types';

/** One problem in `spec.qualityRules`, shaped as a DataProductValidationError. */
export type QualityRuleError = { path: string; message: string };

/** The metrics that measure a record field, and so take `property` and percent. */
const VALUE_METRICS: readonly QualityMetric[] = [
  'nullValues',
  'invalidValues',
  'duplicateValues',
];
const WINDOW_METRICS: readonly QualityMetric[] = [
  'duplicateValues',
  'rowCount',
];
const VALIDITY_ARGUMENTS = [
  'validValues',
  'minimum',
  'maximum',
  'pattern',
] as const;

const UNITS_OF: Record<QualityMetric, readonly string[]> = {
  nullValues: ['rows', 'percent'],
  invalidValues: ['rows', 'percent'],
  duplicateValues: ['rows', 'percent'],
  rowCount: ['rows'],
  freshness: ['seconds'],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const list = (items: readonly string[]) => items.join(', ');

/**
 * Why `pattern` cannot serve as a rule's pattern, or undefined. Both the
 * pattern and the anchored form the evaluator builds must compile.
 */
export function explainInvalidQualityPattern(
  pattern: string,
): string | undefined {
  try {
    // eslint-disable-next-line no-new
    new RegExp(pattern, 'u');
    // eslint-disable-next-line no-new
    new RegExp(`^(?:${pattern})$`, 'u');
    return undefined;
  } catch (error) {
    return `'${pattern}' is not a valid regular expression: ${
      (error as Error).message
    }`;
  }
}

/** The problems of one rule that relate its fields to its metric. */
function ruleErrors(rule: Record<string, unknown>): string[][] {
  const problems: string[][] = []; // [field or '', message]
  const metric = rule.metric as QualityMetric;
  const args = isObject(rule.arguments) ? rule.arguments : {};

  const operators = QUALITY_OPERATORS.filter(op => rule[op] !== undefined);
  if (operators.length === 0) {
    problems.push(['', `needs an operator, one of ${list(QUALITY_OPERATORS)}`]);
  } else if (operators.length > 1) {
    problems.push([
      '',
      `has ${operators.length} operators (${list(
        operators,
      )}); exactly one is allowed`,
    ]);
  }
  for (const op of ['mustBeBetween', 'mustNotBeBetween'] as const) {
    const range = rule[op];
    if (
      Array.isArray(range) &&
      typeof range[0] === 'number' &&
      typeof range[1] === 'number' &&
      range[0] > range[1]
    ) {
      problems.push([op, `[${range[0]}, ${range[1]}] must be [low, high]`]);
    }
  }

  // The metric's own rules; an unknown metric is reported by the schema.
  if (!(metric in UNITS_OF)) return problems;
  const measuresValues = VALUE_METRICS.includes(metric);
  if (measuresValues && rule.property === undefined) {
    problems.push(['property', `is required for ${metric}`]);
  }
  if (!measuresValues && rule.property !== undefined) {
    problems.push([
      'property',
      `is not allowed for ${metric}: it counts records, not a field`,
    ]);
  }
  if (WINDOW_METRICS.includes(metric)) {
    if (args.window === undefined) {
      problems.push(['arguments.window', `is required for ${metric}`]);
    }
  } else if (args.window !== undefined) {
    problems.push([
      'arguments.window',
      `is only used by ${list(WINDOW_METRICS)}, not ${metric}`,
    ]);
  }
  const validity = VALIDITY_ARGUMENTS.filter(key => args[key] !== undefined);
  if (metric === 'invalidValues') {
    if (validity.length === 0) {
      problems.push([
        'arguments',
        `invalidValues needs at least one of ${list(VALIDITY_ARGUMENTS)}`,
      ]);
    }
    if (
      typeof args.minimum === 'number' &&
      typeof args.maximum === 'number' &&
      args.minimum > args.maximum
    ) {
      problems.push([
        'arguments.minimum',
        `${args.minimum} is above arguments.maximum, ${args.maximum}`,
      ]);
    }
    if (typeof args.pattern === 'string') {
      const problem = explainInvalidQualityPattern(args.pattern);
      if (problem) problems.push(['arguments.pattern', problem]);
    }
  } else {
    for (const key of validity) {
      problems.push([`arguments.${key}`, `is only used by invalidValues`]);
    }
  }
  if (typeof rule.unit === 'string' && !UNITS_OF[metric].includes(rule.unit)) {
    problems.push([
      'unit',
      `'${rule.unit}' does not apply to ${metric}; use ${list(
        UNITS_OF[metric],
      )}`,
    ]);
  }
  return problems;
}

/**
 * What `spec.qualityRules` breaks beyond its JSON schema: unique names,
 * exactly one operator, the fields each metric needs or refuses, and
 * patterns that compile. Items that are not objects are left to the schema.
 */
export function qualityRuleErrors(rules: unknown): QualityRuleError[] {
  if (!Array.isArray(rules)) return [];
  const errors: QualityRuleError[] = [];
  const firstWithName = new Map<string, number>();
  rules.forEach((rule: unknown, index) => {
    if (!isObject(rule)) return;
    const at = `spec.qualityRules[${index}]`;
    const named = typeof rule.name === 'string';
    const subject = named ? `rule '${rule.name}'` : 'rule';
    if (named) {
      const first = firstWithName.get(rule.name as string);
      if (first !== undefined) {
        errors.push({
          path: `${at}.name`,
          message: `${subject}: the name is already used by spec.qualityRules[${first}]`,
        });
      } else {
        firstWithName.set(rule.name as string, index);
      }
    }
    for (const [field, message] of ruleErrors(rule)) {
      errors.push({
        path: field ? `${at}.${field}` : at,
        message: `${subject}: ${message}`,
      });
    }
  });
  return errors;
}
