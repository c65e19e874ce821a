import { parseIsoDuration } from '../sla/isoDuration';
import type {
  QualityRecord,
  QualityRule,
  QualityRuleArguments,
  QualityRuleResult,
} from './types';

// The checks a contract monitor, the CLI and the ODCS export all run. Pure
// and bounded: one pass over the records per rule, patterns compiled once
// per rule, duplicates found with one Map per rule.

/**
 * The value a result carries when there was nothing to measure: freshness
 * over no records. JSON-safe, unlike Infinity; such a result never passes.
 *
 * @public
 */
export const QUALITY_VALUE_UNMEASURED = -1;

const DEFAULT_MAX_EXAMPLES = 3;

/** Own property at a pre-split dotted path; undefined when the walk falls off. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (
      typeof value !== 'object' ||
      value === null ||
      !Object.prototype.hasOwnProperty.call(value, key)
    ) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isAbsent = (value: unknown) => value === null || value === undefined;

/**
 * Whether `value` keeps the rule's operator. A rule without an operator
 * (which validation refuses) never passes.
 */
function compare(rule: QualityRule, value: number): boolean {
  if (rule.mustBe !== undefined) return value === rule.mustBe;
  if (rule.mustNotBe !== undefined) return value !== rule.mustNotBe;
  if (rule.mustBeGreaterThan !== undefined)
    return value > rule.mustBeGreaterThan;
  if (rule.mustBeGreaterOrEqualTo !== undefined)
    return value >= rule.mustBeGreaterOrEqualTo;
  if (rule.mustBeLessThan !== undefined) return value < rule.mustBeLessThan;
  if (rule.mustBeLessOrEqualTo !== undefined)
    return value <= rule.mustBeLessOrEqualTo;
  if (rule.mustBeBetween !== undefined) {
    const [low, high] = rule.mustBeBetween;
    return value >= low && value <= high;
  }
  if (rule.mustNotBeBetween !== undefined) {
    const [low, high] = rule.mustNotBeBetween;
    return value < low || value > high;
  }
  return false;
}

/** A value test built once per rule from its arguments. */
function validityTest(
  args: QualityRuleArguments = {},
): (value: unknown) => boolean {
  const { validValues, minimum, maximum, pattern } = args;
  const allowed = validValues ? new Set<unknown>(validValues) : undefined;
  const regex =
    pattern !== undefined ? new RegExp(`^(?:${pattern})$`, 'u') : undefined;
  const ranged = minimum !== undefined || maximum !== undefined;
  return value => {
    if (allowed && !allowed.has(value)) return false;
    if (ranged) {
      const number =
        typeof value === 'number' || typeof value === 'bigint'
          ? Number(value)
          : NaN;
      if (Number.isNaN(number)) return false;
      if (minimum !== undefined && number < minimum) return false;
      if (maximum !== undefined && number > maximum) return false;
    }
    if (regex) {
      if (
        typeof value !== 'string' &&
        typeof value !== 'number' &&
        typeof value !== 'bigint' &&
        typeof value !== 'boolean'
      ) {
        return false;
      }
      if (!regex.test(String(value))) return false;
    }
    return true;
  };
}

/** A Map key telling 1 from '1' and comparing objects by content. */
function duplicateKey(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? `\u0000${JSON.stringify(value)}`
    : value;
}

type Measure = {
  value: number;
  checked: number;
  examples: unknown[];
};

function result(
  rule: QualityRule,
  { value, checked, examples }: Measure,
  passed = compare(rule, value),
): QualityRuleResult {
  return {
    rule: rule.name,
    metric: rule.metric,
    value,
    passed,
    checked,
    ...(examples.length ? { failingExamples: examples } : {}),
  };
}

function unmeasurable(rule: QualityRule, error: string): QualityRuleResult {
  return {
    rule: rule.name,
    metric: rule.metric,
    value: QUALITY_VALUE_UNMEASURED,
    passed: false,
    checked: 0,
    error,
  };
}

/** Counts the records `offends` picks, as rows or percent of `checked`. */
function countOffending(
  rule: QualityRule,
  records: readonly QualityRecord[],
  offends: (record: QualityRecord) => boolean,
  maxExamples: number,
): Measure {
  const examples: unknown[] = [];
  let count = 0;
  for (const record of records) {
    if (offends(record)) {
      count++;
      if (examples.length < maxExamples) examples.push(record.value);
    }
  }
  return {
    value: asUnit(rule, count, records.length),
    checked: records.length,
    examples,
  };
}

function asUnit(rule: QualityRule, count: number, checked: number): number {
  if (rule.unit !== 'percent') return count;
  return checked === 0 ? 0 : (count * 100) / checked;
}

function windowOf(rule: QualityRule): number {
  const window = rule.arguments?.window;
  if (window === undefined) {
    throw new TypeError(`${rule.metric} needs arguments.window`);
  }
  return parseIsoDuration(window);
}

function evaluateRule(
  rule: QualityRule,
  records: readonly QualityRecord[],
  newest: number | undefined,
  now: number,
  maxExamples: number,
  windowCounts: Readonly<Record<string, number>> | undefined,
): QualityRuleResult {
  const path = rule.property?.split('.') ?? [];
  const needsProperty =
    rule.metric === 'nullValues' ||
    rule.metric === 'invalidValues' ||
    rule.metric === 'duplicateValues';
  if (needsProperty && !rule.property) {
    return unmeasurable(rule, `${rule.metric} needs a property`);
  }
  switch (rule.metric) {
    case 'nullValues':
      return result(
        rule,
        countOffending(
          rule,
          records,
          record => isAbsent(valueAt(record.value, path)),
          maxExamples,
        ),
      );
    case 'invalidValues': {
      const valid = validityTest(rule.arguments);
      return result(
        rule,
        countOffending(
          rule,
          records,
          record => {
            const value = valueAt(record.value, path);
            return !isAbsent(value) && !valid(value);
          },
          maxExamples,
        ),
      );
    }
    case 'duplicateValues': {
      const from = newest === undefined ? Infinity : newest - windowOf(rule);
      const seen = new Map<unknown, number>();
      const examples: unknown[] = [];
      let checked = 0;
      let duplicates = 0;
      for (const record of records) {
        if (record.timestamp <= from) continue;
        checked++;
        const value = valueAt(record.value, path);
        if (isAbsent(value)) continue;
        const key = duplicateKey(value);
        const times = seen.get(key) ?? 0;
        seen.set(key, times + 1);
        if (times > 0) {
          duplicates++;
          if (examples.length < maxExamples) examples.push(record.value);
        }
      }
      return result(rule, {
        value: asUnit(rule, duplicates, checked),
        checked,
        examples,
      });
    }
    case 'rowCount': {
      const from = now - windowOf(rule);
      let count = windowCounts?.[rule.name];
      if (count === undefined) {
        count = 0;
        for (const record of records) {
          if (record.timestamp > from) count++;
        }
      }
      return result(rule, { value: count, checked: count, examples: [] });
    }
    case 'freshness': {
      if (newest === undefined) {
        return result(
          rule,
          { value: QUALITY_VALUE_UNMEASURED, checked: 0, examples: [] },
          false,
        );
      }
      return result(rule, {
        value: Math.max(0, now - newest) / 1000,
        checked: records.length,
        examples: [],
      });
    }
    default:
      return unmeasurable(
        rule,
        `unknown metric '${(rule as { metric: unknown }).metric}'`,
      );
  }
}

/**
 * Checks each rule over the records, in the rules' order. Pure and bounded:
 * one pass over the records per rule, each pattern compiled once.
 *
 * What each metric measures (`unit: percent` gives the count as a
 * percentage of `checked`; 0 when nothing was checked):
 * - `nullValues`: records whose `property` (a dotted path into the value)
 *   is null or missing; every record is checked.
 * - `invalidValues`: records whose `property` is present and not valid:
 *   not among `validValues`, not a number within `minimum`..`maximum`, or
 *   not fully matching `pattern` (numbers and booleans are matched as
 *   text). A null or missing value is not invalid; that is `nullValues`'
 *   job. Every record is checked.
 * - `duplicateValues`: records whose `property` value was already seen in
 *   the window, which ends at the newest record's timestamp: records with
 *   timestamp \> newest − window are checked; null values are not
 *   duplicates. Objects compare by content.
 * - `rowCount`: records with timestamp \> now − window (future-stamped
 *   records count too), or the count `windowCounts` gives for the rule.
 * - `freshness`: seconds from the newest record's timestamp to `now`, 0 if
 *   that record is from the future; with no records the value is
 *   {@link QUALITY_VALUE_UNMEASURED} and the rule fails.
 *
 * `failingExamples` holds up to `maxExamples` (default 3) offending
 * records' values, for the record metrics, whether or not the rule passed;
 * absent when there are none. The caller masks PII in them. A rule that
 * cannot be measured (e.g. a bad window, which validation refuses) fails
 * with `error` set instead of throwing.
 *
 * @public
 */
export function evaluateQualityRules(
  rules: QualityRule[],
  records: QualityRecord[],
  options: {
    now: number;
    maxExamples?: number;
    /**
     * `rowCount` rules' counts measured elsewhere, by rule name (the
     * contract monitor counts from the broker's time index, which sees the
     * whole window, not only the records it was given).
     */
    windowCounts?: Readonly<Record<string, number>>;
  },
): QualityRuleResult[] {
  const maxExamples = Math.max(
    0,
    Math.floor(options.maxExamples ?? DEFAULT_MAX_EXAMPLES),
  );
  let newest: number | undefined;
  for (const record of records) {
    if (newest === undefined || record.timestamp > newest) {
      newest = record.timestamp;
    }
  }
  return rules.map(rule => {
    try {
      return evaluateRule(
        rule,
        records,
        newest,
        options.now,
        maxExamples,
        options.windowCounts,
      );
    } catch (error) {
      return unmeasurable(rule, (error as Error).message);
    }
  });
}
