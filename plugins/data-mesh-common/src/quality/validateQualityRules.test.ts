import { entityKindSchemaValidator } from '@backstage/catalog-model';
import { dataProductEntitySchema } from '../entity/dataProductEntitySchema';
import { validateDataProductEntity } from '../entity/validateDataProductEntity';
import { fullDataProduct } from '../testUtils/fullDataProduct';
import type { QualityRule } from './types';
import { explainInvalidQualityPattern } from './validateQualityRules';

/** The rules of the example in types.ts, one per metric and kind of check. */
const QUALITY_EXAMPLE_RULES: QualityRule[] = [
  {
    name: 'order-id-present',
    metric: 'nullValues',
    property: 'orderId',
    mustBe: 0,
  },
  {
    name: 'known-currency',
    metric: 'invalidValues',
    property: 'currency',
    arguments: { validValues: ['EUR', 'USD', 'GBP'] },
    mustBe: 0,
  },
  {
    name: 'sane-amount',
    metric: 'invalidValues',
    property: 'amount',
    arguments: { minimum: 0, maximum: 100000 },
    mustBeLessOrEqualTo: 1,
    unit: 'percent',
  },
  {
    name: 'unique-order-per-hour',
    metric: 'duplicateValues',
    property: 'orderId',
    arguments: { window: 'PT1H' },
    mustBe: 0,
  },
  {
    name: 'steady-volume',
    metric: 'rowCount',
    arguments: { window: 'PT1M' },
    mustBeGreaterOrEqualTo: 10,
  },
  {
    name: 'fresh',
    metric: 'freshness',
    mustBeLessOrEqualTo: 300,
    unit: 'seconds',
  },
];

function withRules(qualityRules: unknown[]): unknown {
  const entity = structuredClone(fullDataProduct) as any;
  entity.spec.qualityRules = qualityRules;
  return entity;
}

function errorsOf(qualityRules: unknown[]) {
  const result = validateDataProductEntity(withRules(qualityRules));
  return result.valid ? [] : result.errors;
}

const nulls = {
  name: 'id-present',
  metric: 'nullValues',
  property: 'orderId',
  mustBe: 0,
};

describe('spec.qualityRules validation', () => {
  it('accepts the documented example rules', () => {
    expect(errorsOf(QUALITY_EXAMPLE_RULES)).toEqual([]);
    // The catalog's own validator compiles and accepts them too.
    const entity = withRules(QUALITY_EXAMPLE_RULES) as any;
    expect(entityKindSchemaValidator(dataProductEntitySchema)(entity)).toBe(
      entity,
    );
  });

  it('accepts no rules', () => {
    expect(errorsOf([])).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'a bad name',
      { ...nulls, name: 'Id_Present' },
      'spec.qualityRules[0].name',
      "'Id_Present' is not a rule name: lower-case letters and digits, words joined by '-'",
    ],
    [
      'an unknown metric',
      { ...nulls, metric: 'median' },
      'spec.qualityRules[0].metric',
      "rule 'id-present': must be one of nullValues, invalidValues, duplicateValues, rowCount, freshness",
    ],
    [
      'no operator',
      { ...nulls, mustBe: undefined },
      'spec.qualityRules[0]',
      "rule 'id-present': needs an operator, one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween",
    ],
    [
      'two operators',
      { ...nulls, mustBeLessThan: 1 },
      'spec.qualityRules[0]',
      "rule 'id-present': has 2 operators (mustBe, mustBeLessThan); exactly one is allowed",
    ],
    [
      'a range upside down',
      { ...nulls, mustBe: undefined, mustBeBetween: [5, 1] },
      'spec.qualityRules[0].mustBeBetween',
      "rule 'id-present': [5, 1] must be [low, high]",
    ],
    [
      'a range of three',
      { ...nulls, mustBe: undefined, mustNotBeBetween: [1, 2, 3] },
      'spec.qualityRules[0].mustNotBeBetween',
      "rule 'id-present': must list at most 2",
    ],
    [
      'a value metric without property',
      { ...nulls, property: undefined },
      'spec.qualityRules[0].property',
      "rule 'id-present': is required for nullValues",
    ],
    [
      'rowCount with a property',
      {
        name: 'volume',
        metric: 'rowCount',
        property: 'x',
        arguments: { window: 'PT1M' },
        mustBeGreaterThan: 0,
      },
      'spec.qualityRules[0].property',
      "rule 'volume': is not allowed for rowCount: it counts records, not a field",
    ],
    [
      'freshness with a property',
      { name: 'fresh', metric: 'freshness', property: 'x', mustBeLessThan: 60 },
      'spec.qualityRules[0].property',
      "rule 'fresh': is not allowed for freshness: it counts records, not a field",
    ],
    [
      'rowCount without window',
      { name: 'volume', metric: 'rowCount', mustBeGreaterThan: 0 },
      'spec.qualityRules[0].arguments.window',
      "rule 'volume': is required for rowCount",
    ],
    [
      'duplicateValues without window',
      { ...nulls, metric: 'duplicateValues' },
      'spec.qualityRules[0].arguments.window',
      "rule 'id-present': is required for duplicateValues",
    ],
    [
      'a window with months',
      {
        name: 'volume',
        metric: 'rowCount',
        arguments: { window: 'P1M' },
        mustBeGreaterThan: 0,
      },
      'spec.qualityRules[0].arguments.window',
      "rule 'volume': 'P1M' uses years or months, which have no fixed length; use weeks, days, hours, minutes or seconds",
    ],
    [
      'a window on a metric without one',
      { ...nulls, arguments: { window: 'PT1M' } },
      'spec.qualityRules[0].arguments.window',
      "rule 'id-present': is only used by duplicateValues, rowCount, not nullValues",
    ],
    [
      'invalidValues without a validity argument',
      { ...nulls, metric: 'invalidValues' },
      'spec.qualityRules[0].arguments',
      "rule 'id-present': invalidValues needs at least one of validValues, minimum, maximum, pattern",
    ],
    [
      'validity arguments on another metric',
      { ...nulls, arguments: { minimum: 1 } },
      'spec.qualityRules[0].arguments.minimum',
      "rule 'id-present': is only used by invalidValues",
    ],
    [
      'minimum above maximum',
      {
        ...nulls,
        metric: 'invalidValues',
        arguments: { minimum: 2, maximum: 1 },
      },
      'spec.qualityRules[0].arguments.minimum',
      "rule 'id-present': 2 is above arguments.maximum, 1",
    ],
    [
      'a pattern that does not compile',
      { ...nulls, metric: 'invalidValues', arguments: { pattern: '[a-' } },
      'spec.qualityRules[0].arguments.pattern',
      "rule 'id-present': '[a-' is not a valid regular expression: Invalid regular expression: /[a-/u: Unterminated character class",
    ],
    [
      'a pattern too long',
      {
        ...nulls,
        metric: 'invalidValues',
        arguments: { pattern: 'a'.repeat(201) },
      },
      'spec.qualityRules[0].arguments.pattern',
      "rule 'id-present': must be at most 200 characters long",
    ],
    [
      'percent on rowCount',
      {
        name: 'volume',
        metric: 'rowCount',
        arguments: { window: 'PT1M' },
        unit: 'percent',
        mustBeGreaterThan: 0,
      },
      'spec.qualityRules[0].unit',
      "rule 'volume': 'percent' does not apply to rowCount; use rows",
    ],
    [
      'percent on freshness',
      { name: 'fresh', metric: 'freshness', unit: 'percent', mustBe: 0 },
      'spec.qualityRules[0].unit',
      "rule 'fresh': 'percent' does not apply to freshness; use seconds",
    ],
    [
      'seconds on a value metric',
      { ...nulls, unit: 'seconds' },
      'spec.qualityRules[0].unit',
      "rule 'id-present': 'seconds' does not apply to nullValues; use rows, percent",
    ],
    [
      'an unknown field',
      { ...nulls, threshold: 1 },
      'spec.qualityRules[0].threshold',
      "rule 'id-present': is not a known field",
    ],
    [
      'an unknown argument',
      { ...nulls, metric: 'invalidValues', arguments: { regex: 'a' } },
      'spec.qualityRules[0].arguments.regex',
      "rule 'id-present': is not a known field",
    ],
    [
      'a non-numeric threshold',
      { ...nulls, mustBe: '0' },
      'spec.qualityRules[0].mustBe',
      "rule 'id-present': must be a number",
    ],
  ])('reports %s', (_, rule, path, message) => {
    expect(errorsOf([rule])).toContainEqual({ path, message });
  });

  it('reports exactly one problem for a typical mistake', () => {
    expect(errorsOf([{ ...nulls, property: undefined }])).toEqual([
      {
        path: 'spec.qualityRules[0].property',
        message: "rule 'id-present': is required for nullValues",
      },
    ]);
  });

  it('reports a rule without a name', () => {
    expect(errorsOf([{ ...nulls, name: undefined }])).toEqual([
      { path: 'spec.qualityRules[0].name', message: 'is required' },
    ]);
  });

  it('reports a name used twice', () => {
    expect(
      errorsOf([nulls, { ...nulls, property: 'customerId' }, nulls]),
    ).toEqual([
      {
        path: 'spec.qualityRules[1].name',
        message:
          "rule 'id-present': the name is already used by spec.qualityRules[0]",
      },
      {
        path: 'spec.qualityRules[2].name',
        message:
          "rule 'id-present': the name is already used by spec.qualityRules[0]",
      },
    ]);
  });

  it('allows at most 50 rules', () => {
    const rules = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ ...nulls, name: `r${i}` }));
    expect(errorsOf(rules(50))).toEqual([]);
    expect(errorsOf(rules(51))).toEqual([
      { path: 'spec.qualityRules', message: 'must list at most 50' },
    ]);
  });

  it('reports items that are not objects', () => {
    expect(errorsOf(['nullValues'])).toEqual([
      { path: 'spec.qualityRules[0]', message: 'must be an object' },
    ]);
  });
});

describe('explainInvalidQualityPattern', () => {
  it('accepts patterns that compile alone and anchored', () => {
    expect(explainInvalidQualityPattern('[A-Z]{3}')).toBeUndefined();
    expect(explainInvalidQualityPattern('\\p{L}+')).toBeUndefined();
  });

  it('refuses a pattern that only compiles unanchored', () => {
    // '^(?:a)(b)$' would compile, but 'a)(b' alone does not.
    expect(explainInvalidQualityPattern('a)(b')).toMatch(
      /is not a valid regular expression/,
    );
  });
});
