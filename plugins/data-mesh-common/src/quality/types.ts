// A data product's quality rules: what its records promise, checked on the
// live stream. The semantics are ODCS v3.1's `quality` (library metrics
// with comparison operators), so a contract exports to ODCS without
// translation; freshness, which ODCS keeps in its SLA properties, is one
// more metric here because it is checked the same way.
//
//   spec:
//     qualityRules:
//       - name: order-id-present        # not null
//         metric: nullValues
//         property: orderId
//         mustBe: 0
//       - name: known-currency          # valid values
//         metric: invalidValues
//         property: currency
//         arguments: { validValues: [EUR, USD, GBP] }
//         mustBe: 0
//       - name: sane-amount              # range (and `pattern` for strings)
//         metric: invalidValues
//         property: amount
//         arguments: { minimum: 0, maximum: 100000 }
//         mustBeLessOrEqualTo: 1
//         unit: percent
//       - name: unique-order-per-hour    # uniqueness within a window
//         metric: duplicateValues
//         property: orderId
//         arguments: { window: PT1H }
//         mustBe: 0
//       - name: steady-volume            # volume per window
//         metric: rowCount
//         arguments: { window: PT1M }
//         mustBeGreaterOrEqualTo: 10
//       - name: fresh                    # freshness: newest record's age
//         metric: freshness
//         mustBeLessOrEqualTo: 300
//         unit: seconds

/**
 * The metrics a rule can measure: ODCS v3.1's library metrics that apply to
 * a stream, and `freshness` (seconds since the newest record).
 *
 * @public
 */
export const QUALITY_METRICS = [
  'nullValues',
  'invalidValues',
  'duplicateValues',
  'rowCount',
  'freshness',
] as const;

/** @public */
export type QualityMetric = (typeof QUALITY_METRICS)[number];

/**
 * ODCS's comparison operators; a rule has exactly one.
 *
 * @public
 */
export const QUALITY_OPERATORS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
] as const;

/** @public */
export type QualityOperator = (typeof QUALITY_OPERATORS)[number];

/**
 * What a metric measures against:
 * - `validValues`, `minimum`/`maximum`, `pattern`: what makes a value valid
 *   (`invalidValues`);
 * - `window`: ISO 8601 duration of the window `duplicateValues` and
 *   `rowCount` count in.
 *
 * @public
 */
export type QualityRuleArguments = {
  validValues?: Array<string | number | boolean>;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  window?: string;
};

/**
 * One quality rule of a product (a type alias, so that it fits an entity's
 * JsonObject spec).
 *
 * @public
 */
export type QualityRule = {
  /** Unique within the product; lower-case words joined by `-`. */
  name: string;
  description?: string;
  metric: QualityMetric;
  /** Dotted path of the record field; required except for rowCount and freshness. */
  property?: string;
  arguments?: QualityRuleArguments;
  /** `rows` (default; seconds for freshness) or `percent` of the records checked. */
  unit?: 'rows' | 'percent' | 'seconds';
  /** ODCS's severity; an `error` rule failing breaks the contract. */
  severity?: 'info' | 'warning' | 'error';
  mustBe?: number;
  mustNotBe?: number;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: [number, number];
  mustNotBeBetween?: [number, number];
};

/**
 * A rule checked over a set of records: the measured value, whether it
 * keeps the rule, and a few failing examples (masked by the caller).
 *
 * @public
 */
export type QualityRuleResult = {
  rule: string;
  metric: QualityMetric;
  /**
   * The measured value in the rule's unit; -1 (QUALITY_VALUE_UNMEASURED)
   * when there was nothing to measure (freshness over no records) or the
   * rule could not be measured, and then `passed` is false.
   */
  value: number;
  passed: boolean;
  /** How many records were checked. */
  checked: number;
  /** Up to a few offending records' values (absent when none); the caller masks PII. */
  failingExamples?: unknown[];
  /** Why the rule could not be measured, e.g. a malformed window. */
  error?: string;
};

/**
 * One decoded record as the rules see it.
 *
 * @public
 */
export type QualityRecord = {
  /** The decoded value (an object for record schemas). */
  value: unknown;
  /** The record's timestamp, ms since the epoch. */
  timestamp: number;
};
