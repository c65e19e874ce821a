import {
  evaluateQualityRules,
  QUALITY_VALUE_UNMEASURED,
} from './evaluateQualityRules';
import type { QualityRecord, QualityRule } from './types';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Records with the given values, one second apart, the last at NOW. */
const records = (...values: unknown[]): QualityRecord[] =>
  values.map((value, i) => ({
    value,
    timestamp: NOW - (values.length - 1 - i) * SECOND,
  }));

const evaluate = (
  rule: QualityRule,
  recs: QualityRecord[],
  options: { now?: number; maxExamples?: number } = {},
) => evaluateQualityRules([rule], recs, { now: NOW, ...options })[0];

describe('evaluateQualityRules', () => {
  describe('nullValues', () => {
    const rule: QualityRule = {
      name: 'id-present',
      metric: 'nullValues',
      property: 'order.id',
      mustBe: 0,
    };

    it('counts null and missing values along a dotted path', () => {
      const recs = records(
        { order: { id: 'a' } },
        { order: { id: null } },
        { order: {} },
        { other: 1 },
        'not an object',
        null,
        { order: { id: 0 } },
        { order: { id: '' } },
        { order: { id: false } },
      );
      expect(evaluate(rule, recs)).toEqual({
        rule: 'id-present',
        metric: 'nullValues',
        value: 5,
        passed: false,
        checked: 9,
        failingExamples: [{ order: { id: null } }, { order: {} }, { other: 1 }],
      });
    });

    it('passes with no nulls and has no examples', () => {
      expect(evaluate(rule, records({ order: { id: 'a' } }))).toEqual({
        rule: 'id-present',
        metric: 'nullValues',
        value: 0,
        passed: true,
        checked: 1,
      });
    });

    it('gives a percentage of the records checked', () => {
      const result = evaluate(
        {
          ...rule,
          unit: 'percent',
          mustBeLessOrEqualTo: 25,
          mustBe: undefined,
        },
        records(
          { order: { id: 1 } },
          {},
          { order: { id: 2 } },
          { order: { id: 3 } },
        ),
      );
      expect(result).toMatchObject({ value: 25, passed: true, checked: 4 });
    });

    it('measures 0, of 0 records, with no records', () => {
      expect(evaluate(rule, [])).toEqual({
        rule: 'id-present',
        metric: 'nullValues',
        value: 0,
        passed: true,
        checked: 0,
      });
      expect(evaluate({ ...rule, unit: 'percent' }, [])).toMatchObject({
        value: 0,
        checked: 0,
      });
    });

    it('reads own properties only, and into arrays by index', () => {
      const byIndex = { ...rule, property: 'lines.0.sku' };
      expect(
        evaluate(byIndex, records({ lines: [{ sku: 'A' }] }, { lines: [] })),
      ).toMatchObject({ value: 1 });
      expect(
        evaluate(
          { ...rule, property: 'constructor' },
          records({}, { constructor: 'x' }),
        ),
      ).toMatchObject({ value: 1 });
    });

    it('honours maxExamples', () => {
      const recs = records({}, {}, {}, {}, {});
      expect(evaluate(rule, recs).failingExamples).toHaveLength(3);
      expect(evaluate(rule, recs, { maxExamples: 1 }).failingExamples).toEqual([
        {},
      ]);
      expect(
        evaluate(rule, recs, { maxExamples: 0 }).failingExamples,
      ).toBeUndefined();
    });
  });

  describe('invalidValues', () => {
    const base = {
      name: 'valid',
      metric: 'invalidValues',
      property: 'v',
      mustBe: 0,
    } as const;
    const values = (...vs: unknown[]) => records(...vs.map(v => ({ v })));

    it('checks validValues by strict equality', () => {
      const rule: QualityRule = {
        ...base,
        arguments: { validValues: ['EUR', 'USD', 1, true] },
      };
      expect(
        evaluate(rule, values('EUR', 'GBP', 'eur', 1, '1', true, 'true')),
      ).toMatchObject({
        value: 4,
        passed: false,
        checked: 7,
        failingExamples: [{ v: 'GBP' }, { v: 'eur' }, { v: '1' }],
      });
    });

    it('checks the range, both bounds included, numbers only', () => {
      const rule: QualityRule = {
        ...base,
        arguments: { minimum: 0, maximum: 10 },
      };
      expect(
        evaluate(rule, values(0, 10, 5.5, -0.1, 10.1, '5', [5], BigInt(3))),
      ).toMatchObject({ value: 4 });
      expect(
        evaluate({ ...base, arguments: { minimum: 0 } }, values(1e9, -1)),
      ).toMatchObject({ value: 1 });
      expect(
        evaluate({ ...base, arguments: { maximum: 0 } }, values(-1e9, 1)),
      ).toMatchObject({ value: 1 });
    });

    it('matches the pattern against the whole value', () => {
      const rule: QualityRule = {
        ...base,
        arguments: { pattern: 'KK-\\d+|X' },
      };
      expect(
        evaluate(rule, values('KK-12', 'X', 'KK-12a', 'aKK-1', 'XX', '')),
      ).toMatchObject({ value: 4 });
    });

    it('matches numbers and booleans as text, objects never', () => {
      const rule: QualityRule = { ...base, arguments: { pattern: '\\d{3}' } };
      expect(evaluate(rule, values(123, 1234, { a: 1 }))).toMatchObject({
        value: 2,
      });
      expect(
        evaluate({ ...base, arguments: { pattern: 'true' } }, values(true)),
      ).toMatchObject({ value: 0 });
    });

    it('needs every given argument to hold', () => {
      const rule: QualityRule = {
        ...base,
        arguments: { validValues: [1, 2, 50], maximum: 10 },
      };
      expect(evaluate(rule, values(1, 2, 50, 3))).toMatchObject({ value: 2 });
    });

    it('leaves null and missing values to nullValues', () => {
      const rule: QualityRule = { ...base, arguments: { validValues: ['a'] } };
      expect(
        evaluate(rule, records({ v: null }, {}, 'scalar', { v: 'a' })),
      ).toMatchObject({ value: 0, passed: true, checked: 4 });
    });

    it('gives a percentage of all records checked', () => {
      const rule: QualityRule = {
        name: 'valid',
        metric: 'invalidValues',
        property: 'v',
        arguments: { minimum: 0 },
        unit: 'percent',
        mustBeLessThan: 50,
      };
      expect(evaluate(rule, values(-1, 1, null, 2))).toMatchObject({
        value: 25,
        passed: true,
        checked: 4,
      });
    });

    it('compiles each pattern once, not per record', () => {
      const spy = jest.spyOn(global, 'RegExp');
      try {
        evaluate(
          { ...base, arguments: { pattern: '[a-z]+' } },
          values(...Array.from({ length: 100 }, (_, i) => `v${i}`)),
        );
        expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('duplicateValues', () => {
    const rule: QualityRule = {
      name: 'unique-id',
      metric: 'duplicateValues',
      property: 'id',
      arguments: { window: 'PT1M' },
      mustBe: 0,
    };
    const at = (offset: number, id: unknown): QualityRecord => ({
      value: { id },
      timestamp: NOW + offset,
    });

    it('counts values already seen in the window', () => {
      const recs = [at(-3000, 'a'), at(-2000, 'b'), at(-1000, 'a'), at(0, 'a')];
      expect(evaluate(rule, recs)).toEqual({
        rule: 'unique-id',
        metric: 'duplicateValues',
        value: 2,
        passed: false,
        checked: 4,
        failingExamples: [{ id: 'a' }, { id: 'a' }],
      });
    });

    it('measures the window back from the newest record, not now', () => {
      const recs = [
        at(-10 * MINUTE - 61 * SECOND, 'a'), // outside: newest - 61s
        at(-10 * MINUTE - 60 * SECOND, 'a'), // on the edge: outside
        at(-10 * MINUTE - 59 * SECOND, 'b'),
        at(-10 * MINUTE, 'b'), // the newest
      ];
      expect(evaluate(rule, recs)).toMatchObject({ value: 1, checked: 2 });
    });

    it('tells 1 from "1", compares objects by content, skips nulls', () => {
      const recs = [
        at(-5, 1),
        at(-4, '1'),
        at(-3, { x: [1] }),
        at(-2, { x: [1] }),
        at(-1, null),
        at(0, null),
      ];
      expect(evaluate(rule, recs)).toMatchObject({ value: 1, checked: 6 });
    });

    it('gives a percentage of the records in the window', () => {
      const recs = [at(-3, 'a'), at(-2, 'a'), at(-1, 'b'), at(0, 'c')];
      expect(
        evaluate(
          { ...rule, unit: 'percent', mustBe: undefined, mustBeLessThan: 30 },
          recs,
        ),
      ).toMatchObject({ value: 25, passed: true });
    });

    it('finds nothing in no records', () => {
      expect(evaluate(rule, [])).toMatchObject({
        value: 0,
        passed: true,
        checked: 0,
      });
    });
  });

  describe('rowCount', () => {
    const rule: QualityRule = {
      name: 'volume',
      metric: 'rowCount',
      arguments: { window: 'PT1M' },
      mustBeGreaterOrEqualTo: 2,
    };

    it('counts records with timestamp > now - window', () => {
      const recs: QualityRecord[] = [
        { value: {}, timestamp: NOW - MINUTE - 1 },
        { value: {}, timestamp: NOW - MINUTE },
        { value: {}, timestamp: NOW - MINUTE + 1 },
        { value: null, timestamp: NOW },
        { value: 'x', timestamp: NOW + 5 },
      ];
      expect(evaluate(rule, recs)).toEqual({
        rule: 'volume',
        metric: 'rowCount',
        value: 3,
        passed: true,
        checked: 3,
      });
      expect(evaluate(rule, recs, { now: NOW + MINUTE })).toMatchObject({
        value: 1,
        passed: false,
      });
    });

    it('counts 0 with no records', () => {
      expect(evaluate(rule, [])).toMatchObject({ value: 0, passed: false });
    });

    it('takes a count measured elsewhere over the records it was given', () => {
      const [result] = evaluateQualityRules(
        [rule],
        [{ value: {}, timestamp: NOW }],
        { now: NOW, windowCounts: { volume: 40 } },
      );
      expect(result).toMatchObject({ value: 40, checked: 40, passed: true });
    });
  });

  describe('freshness', () => {
    const rule: QualityRule = {
      name: 'fresh',
      metric: 'freshness',
      mustBeLessOrEqualTo: 300,
      unit: 'seconds',
    };

    it('measures seconds from the newest record to now', () => {
      const recs: QualityRecord[] = [
        { value: {}, timestamp: NOW - 400 * SECOND },
        { value: {}, timestamp: NOW - 120 * SECOND - 500 },
        { value: {}, timestamp: NOW - 200 * SECOND },
      ];
      expect(evaluate(rule, recs)).toEqual({
        rule: 'fresh',
        metric: 'freshness',
        value: 120.5,
        passed: true,
        checked: 3,
      });
      expect(evaluate(rule, recs, { now: NOW + 200 * SECOND })).toMatchObject({
        value: 320.5,
        passed: false,
      });
    });

    it('is 0 for a record from the future', () => {
      expect(
        evaluate(rule, [{ value: {}, timestamp: NOW + 5000 }]),
      ).toMatchObject({ value: 0, passed: true });
    });

    it('fails, unmeasured, with no records', () => {
      expect(evaluate(rule, [])).toEqual({
        rule: 'fresh',
        metric: 'freshness',
        value: QUALITY_VALUE_UNMEASURED,
        passed: false,
        checked: 0,
      });
      expect(QUALITY_VALUE_UNMEASURED).toBe(-1);
    });
  });

  describe('operators', () => {
    // rowCount over 5 records in the window measures 5.
    const five = records({}, {}, {}, {}, {});
    const withOperator = (operator: Partial<QualityRule>): QualityRule => ({
      name: 'count',
      metric: 'rowCount',
      arguments: { window: 'PT1H' },
      ...operator,
    });

    it.each<[Partial<QualityRule>, boolean]>([
      [{ mustBe: 5 }, true],
      [{ mustBe: 4 }, false],
      [{ mustNotBe: 5 }, false],
      [{ mustNotBe: 4 }, true],
      [{ mustBeGreaterThan: 4 }, true],
      [{ mustBeGreaterThan: 5 }, false],
      [{ mustBeGreaterOrEqualTo: 5 }, true],
      [{ mustBeGreaterOrEqualTo: 6 }, false],
      [{ mustBeLessThan: 6 }, true],
      [{ mustBeLessThan: 5 }, false],
      [{ mustBeLessOrEqualTo: 5 }, true],
      [{ mustBeLessOrEqualTo: 4 }, false],
      [{ mustBeBetween: [5, 10] }, true],
      [{ mustBeBetween: [0, 5] }, true],
      [{ mustBeBetween: [6, 10] }, false],
      [{ mustNotBeBetween: [6, 10] }, true],
      [{ mustNotBeBetween: [0, 4] }, true],
      [{ mustNotBeBetween: [5, 10] }, false],
      [{}, false],
    ])('%j passes on 5: %s', (operator, passed) => {
      expect(evaluate(withOperator(operator), five)).toMatchObject({
        value: 5,
        passed,
      });
    });
  });

  describe('robustness', () => {
    it('evaluates every rule, in order', () => {
      const results = evaluateQualityRules(
        [
          {
            name: 'a',
            metric: 'rowCount',
            arguments: { window: 'PT1M' },
            mustBe: 1,
          },
          { name: 'b', metric: 'nullValues', property: 'x', mustBe: 1 },
        ],
        records({}),
        { now: NOW },
      );
      expect(results.map(r => [r.rule, r.passed])).toEqual([
        ['a', true],
        ['b', true],
      ]);
    });

    it('fails a rule it cannot measure instead of throwing', () => {
      const results = evaluateQualityRules(
        [
          { name: 'no-window', metric: 'rowCount', mustBe: 0 },
          {
            name: 'bad-window',
            metric: 'duplicateValues',
            property: 'x',
            arguments: { window: 'P1M' },
            mustBe: 0,
          },
          { name: 'no-property', metric: 'nullValues', mustBe: 0 },
          {
            name: 'bad-pattern',
            metric: 'invalidValues',
            property: 'x',
            arguments: { pattern: '(' },
            mustBe: 0,
          },
          { name: 'odd', metric: 'median' as any, mustBe: 0 },
        ],
        records({ x: 1 }),
        { now: NOW },
      );
      for (const result of results) {
        expect(result).toMatchObject({
          value: QUALITY_VALUE_UNMEASURED,
          passed: false,
          checked: 0,
          error: expect.any(String),
        });
      }
      expect(results[0].error).toBe('rowCount needs arguments.window');
      expect(results[2].error).toBe('nullValues needs a property');
      expect(results[4].error).toBe("unknown metric 'median'");
    });

    it('gives JSON-safe results', () => {
      const results = evaluateQualityRules(
        [{ name: 'fresh', metric: 'freshness', mustBeLessThan: 1 }],
        [],
        { now: NOW },
      );
      expect(JSON.parse(JSON.stringify(results))).toEqual(results);
    });
  });
});
