import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure } from './figures';
import type { BenchOptions } from './session';

export interface BenchResult {
  at: string;
  args: string[];
  /** The run's settings, defaults included: which database, which N. */
  options: BenchOptions;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    node: string;
    platform: string;
  };
  figures: Figure[];
  /** Figure groups that could not be measured, and why. */
  failures: Array<{ group: string; error: string }>;
}

export const resultsDir = path.resolve(__dirname, '../results');
/** Result files of `bench/run.ts`, named by their timestamp. */
const RESULT_FILE = /^\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/;

export function machine(): BenchResult['machine'] {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const show = (n: number | undefined, unit = '') =>
  n === undefined ? '' : `${n}${unit}`;

/** A latency figure's medians, kept in its detail. */
function medians(f: Figure): string {
  const { p50, floorP50 } = f.detail ?? {};
  if (p50 === undefined) return '';
  return floorP50 === undefined ? `${p50}` : `${p50} (${floorP50})`;
}

const DATABASES: Record<BenchOptions['database'], string> = {
  sqlite: 'in-memory SQLite',
  pg: 'PostgreSQL',
};

export function toMarkdown(result: BenchResult): string {
  const m = result.machine;
  const lines = [
    `# Benchmark ${result.at}`,
    '',
    `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, node ${m.node}, ${
      m.platform
    }; database: ${DATABASES[result.options.database]}; N = ${
      result.options.n
    }; args: ${result.args.join(' ') || '(all)'}`,
    '',
    '| figure | value | floor | ratio | target | result | p50 (floor p50) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of result.figures) {
    const unit = f.unit === 'ms' ? ' ms' : ` ${f.unit}`;
    lines.push(
      `| ${f.label} | ${show(f.value, unit)} | ${
        f.floor === undefined ? '' : `${f.floor}${unit} (${f.floorLabel})`
      } | ${show(f.ratio, '×')} | ${f.target ?? ''} | ${
        f.pass === undefined ? '' : f.pass ? 'pass' : '**miss**'
      } | ${medians(f)} |`,
    );
  }
  for (const { group, error } of result.failures ?? []) {
    lines.push('', `**${group} failed:** ${error}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The newest earlier result of a run without profiling on the same database
 * and N, if any. Results from before the options were recorded have none
 * to compare.
 */
export function previousResult(options: BenchOptions): BenchResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const results: BenchResult[] = fs
    .readdirSync(resultsDir)
    .filter(f => RESULT_FILE.test(f))
    .sort()
    .map(f => JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')));
  // A profiled backend is slower: no baseline for a normal run.
  return results
    .filter(
      r =>
        !r.args.includes('--cpu-prof') &&
        r.options?.database === options.database &&
        r.options?.n === options.n,
    )
    .at(-1);
}

/** Figures found in both runs: value and ratio then and now. */
export function comparison(previous: BenchResult, current: BenchResult) {
  const lines = [
    `Compared with ${previous.at} (${previous.machine.cores} cores, node ${previous.machine.node}):`,
    '',
    '| figure | value then → now | ratio then → now |',
    '|---|---|---|',
  ];
  let shared = 0;
  for (const f of current.figures) {
    const before = previous.figures.find(p => p.id === f.id);
    if (!before) continue;
    shared++;
    const change = before.value
      ? ` (${f.value >= before.value ? '+' : ''}${Math.round(
          ((f.value - before.value) / before.value) * 100,
        )}%)`
      : '';
    lines.push(
      `| ${f.label} | ${before.value} → ${f.value} ${f.unit}${change} | ${show(
        before.ratio,
        '×',
      )} → ${show(f.ratio, '×')} |`,
    );
  }
  return shared
    ? `${lines.join('\n')}\n`
    : 'No figure in common with the previous run.\n';
}

/** Writes `<timestamp>.json` and `<timestamp>.md`; the markdown. */
export function writeResult(result: BenchResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stem = result.at.replace(/[:.]/g, '-');
  const markdown = toMarkdown(result);
  fs.writeFileSync(
    path.join(resultsDir, `${stem}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(resultsDir, `${stem}.md`), markdown);
  return markdown;
}
