import {
  evaluateQualityRules,
  productIdOf,
  type DataProductEntity,
  type QualityRule,
  type QualityRuleResult,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { DecodedRecords, RecordFailure } from './decodeRecords';
import { maskExample } from './maskExamples';

/** One rule's outcome, with its severity (default `error`). */
export type CheckedRule = QualityRuleResult & {
  severity: NonNullable<QualityRule['severity']>;
};

/**
 * `mesh test`: a product's quality rules and schema conformance over its
 * newest records.
 *
 * @public
 */
export interface QualityCheckReport {
  product: string;
  topic: string;
  /** Records read (tombstones included). */
  read: number;
  tombstones: number;
  /** Records that do not decode with their registered schema. */
  nonConforming: { count: number; examples: RecordFailure[] };
  rules: CheckedRule[];
  /** Every `error` rule passed and every record conforms. */
  passed: boolean;
}

const MAX_FAILURE_EXAMPLES = 3;

/** The rule's severity, `error` when the descriptor leaves it out. */
export const severityOf = (rule: QualityRule) => rule.severity ?? 'error';

/** Masks each rule's failing examples with the descriptor's `piiFields`. */
export function maskResults(
  rules: readonly QualityRule[],
  results: QualityRuleResult[],
  piiFields: readonly string[] | undefined,
): CheckedRule[] {
  return results.map((result, i) => ({
    ...result,
    severity: severityOf(rules[i]),
    ...(result.failingExamples && {
      failingExamples: result.failingExamples.map(example =>
        maskExample(example, piiFields, rules[i].property),
      ),
    }),
  }));
}

/**
 * Evaluates the product's rules over the decoded records; the pure half of
 * `mesh test`.
 *
 * @public
 */
export function checkQuality(
  entity: DataProductEntity,
  records: DecodedRecords,
  { now }: { now: number },
): QualityCheckReport {
  const rules = entity.spec.qualityRules ?? [];
  const results = evaluateQualityRules(
    rules,
    records.decoded.map(r => ({ value: r.value, timestamp: r.timestamp })),
    { now },
  );
  const checked = maskResults(rules, results, entity.spec.piiFields);
  return {
    product: productIdOf(entity),
    topic: entity.spec.output.topic,
    read: records.decoded.length + records.failures.length + records.tombstones,
    tombstones: records.tombstones,
    nonConforming: {
      count: records.failures.length,
      examples: records.failures.slice(0, MAX_FAILURE_EXAMPLES),
    },
    rules: checked,
    passed:
      records.failures.length === 0 &&
      checked.every(r => r.passed || r.severity !== 'error'),
  };
}

/** A value as one table cell. */
export function cell(value: unknown, max = 60): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  const one = String(text ?? 'undefined');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Rows as a plain-text table, columns padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

function measured(result: CheckedRule): string {
  if (result.error) return `unmeasured (${result.error})`;
  if (result.value < 0) return 'unmeasured';
  return String(Math.round(result.value * 100) / 100);
}

/** The rules as table rows: rule, severity, measured, result, examples. */
export function ruleRows(results: readonly CheckedRule[]): string[][] {
  return results.map(r => [
    r.rule,
    r.severity,
    measured(r),
    r.passed ? 'pass' : 'FAIL',
    (r.failingExamples ?? []).map(e => cell(e, 40)).join(', '),
  ]);
}

/**
 * The report as the CLI prints it.
 *
 * @public
 */
export function formatQualityCheck(report: QualityCheckReport): string[] {
  const lines = [
    `${report.product} (${report.topic}): ${report.read} record${
      report.read === 1 ? '' : 's'
    } read${report.tombstones ? `, ${report.tombstones} without value` : ''}`,
    '',
  ];
  if (report.rules.length) {
    lines.push(
      ...table(
        ['rule', 'severity', 'measured', 'result', 'examples'],
        ruleRows(report.rules),
      ),
    );
  } else {
    lines.push('no quality rules declared (spec.qualityRules)');
  }
  lines.push('');
  if (report.nonConforming.count) {
    lines.push(
      `schema: ${report.nonConforming.count} record${
        report.nonConforming.count === 1 ? ' does' : 's do'
      } not conform to the registered schema, e.g.`,
      ...report.nonConforming.examples.map(
        f => `  partition ${f.partition} offset ${f.offset}: ${f.reason}`,
      ),
    );
  } else {
    lines.push('schema: every record conforms to its registered schema');
  }
  const failed = report.rules.filter(r => !r.passed && r.severity === 'error');
  lines.push(
    report.passed
      ? 'PASSED'
      : `FAILED${
          failed.length ? `: ${failed.map(r => r.rule).join(', ')}` : ''
        }${
          report.nonConforming.count
            ? `${failed.length ? ';' : ':'} schema non-conformance`
            : ''
        }`,
  );
  return lines;
}
