/*
 * The chaos run's result: `bench/results/chaos-<timestamp>.json` (all of
 * it, every restart's timings included) and `.md` (the tables), like the
 * benchmarks' results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BenchResult, resultsDir } from '../results';
import type {
  PartSummary,
  PublishSummary,
  RestartResult,
  RouteError,
  RouteLatency,
} from './analysis';
import type { ChaosOptions } from './options';
import type { Part } from './schedule';

export interface ChaosResult {
  /** When the run started; names its files. */
  at: string;
  args: string[];
  options: ChaosOptions;
  machine: BenchResult['machine'];
  /** The private registry topic and what setting up took. */
  setup: Record<string, unknown>;
  parts: Record<Part, PartSummary>;
  restarts: RestartResult[];
  publishes: PublishSummary & {
    refusals: Record<string, { count: number; examples: string[] }>;
  };
  liveRoutes: {
    routes: string[];
    calls: number;
    errorsBeforeFirstRestart: RouteError[];
    errorsAfterRecovery: number;
    errorsAfterRecoveryByStatus: Record<string, number>;
    latencyMs: Record<string, RouteLatency>;
    pass: boolean;
  };
  /** The demo mesh and the backend: did they live through it. */
  processes: Record<string, unknown>;
  /** Each target and whether it was met. */
  targets: Array<{ target: string; pass: boolean }>;
  pass: boolean;
  /** Set when the run itself broke off. */
  failure?: string;
}

export const stemOf = (at: string) => `chaos-${at.replace(/[:.]/g, '-')}`;

const s = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;
const verdict = (pass: boolean) => (pass ? 'pass' : '**miss**');
/** `97 (503×90, 404×7)`: a count with its statuses (0 = no answer). */
const byStatus = (total: number, counts: Record<string, number>) =>
  total
    ? `${total} (${Object.entries(counts)
        .map(([status, n]) => `${status === '0' ? 'none' : status}×${n}`)
        .join(', ')})`
    : '0';

export function toMarkdown(r: ChaosResult): string {
  const m = r.machine;
  const o = r.options;
  const lines = [
    `# Chaos run ${r.at}`,
    '',
    `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}; ` +
      `${o.restarts} restarts per part, seed ${o.seed}, down ${s(
        o.downMs.min,
      )}–${s(o.downMs.max)}, ` +
      `pauses ${s(o.pauseMs.min)}–${s(o.pauseMs.max)}; args: ${
        r.args.join(' ') || '(defaults)'
      }`,
    '',
    '| part | restarts | recovered | p50 | p95 | max | target | result |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [part, p] of Object.entries(r.parts)) {
    lines.push(
      `| ${part} | ${p.restarts} | ${p.recovered} | ${s(p.p50Ms)} | ${s(
        p.p95Ms,
      )} | ${s(p.maxMs)} | p95 ≤ ${s(o.recoveryTargetMs)} | ${verdict(
        p.pass,
      )} |`,
    );
  }
  const pub = r.publishes;
  const refused = Object.entries(pub.refusals)
    .map(
      ([status, { count }]) =>
        `${count}× ${status === '0' ? 'no answer' : status}`,
    )
    .join(', ');
  lines.push(
    '',
    '| publishes | acknowledged | visible (own counter) | lost | target | result | refused attempts | ack → visible p50 / p95 / max |',
    '|---|---|---|---|---|---|---|---|',
    `| ${pub.updates} updates, ${pub.attempts} attempts | ${
      pub.acknowledged
    } | ${pub.visible} (${pub.visibleExactly}) | ${
      pub.lost.length
    } | 0 lost | ${verdict(pub.pass)} | ${refused || 'none'} | ${
      pub.ackToVisibleMs
        ? `${s(pub.ackToVisibleMs.p50)} / ${s(pub.ackToVisibleMs.p95)} / ${s(
            pub.ackToVisibleMs.max,
          )}`
        : '—'
    } |`,
    '',
    '| live routes | calls | errors after recovery | errors before the first restart | target | result |',
    '|---|---|---|---|---|---|',
    `| ${r.liveRoutes.routes.length} | ${r.liveRoutes.calls} | ${byStatus(
      r.liveRoutes.errorsAfterRecovery,
      r.liveRoutes.errorsAfterRecoveryByStatus,
    )} | ${r.liveRoutes.errorsBeforeFirstRestart.length} | 0 | ${verdict(
      r.liveRoutes.pass,
    )} |`,
    '',
    '## Restarts',
    '',
    '| # | part | down | start → healthy | recovery | last route to answer 200 | errors during outage | errors after recovery |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const x of r.restarts) {
    lines.push(
      `| ${x.index} | ${x.part} | ${s(x.downMs)} | ${s(x.startToHealthyMs)} | ${
        x.recoveryMs === undefined ? '**not recovered**' : s(x.recoveryMs)
      } | ${x.lastRoute ?? ''} | ${byStatus(
        x.errorsDuringOutage,
        x.outageStatuses,
      )} | ${x.errorsAfterRecovery.length} |`,
    );
  }
  const unrecovered = r.restarts.filter(x => x.recoveryMs === undefined);
  if (unrecovered.length) {
    lines.push('', '## Not recovered', '');
    for (const x of unrecovered) {
      lines.push(`Restart ${x.index} (${x.part}), routes still failing:`, '');
      for (const f of x.failing) {
        lines.push(
          `- \`${f.route}\` (${f.calls} calls): ${f.status} ${f.error ?? ''}`,
        );
      }
      lines.push('');
    }
  }
  const after = r.restarts.flatMap(x =>
    x.errorsAfterRecovery.map(e => ({ ...e, restart: x.index })),
  );
  const before = r.liveRoutes.errorsBeforeFirstRestart;
  if (after.length || before.length) {
    lines.push('', '## Errors outside outages', '');
    for (const e of [
      ...before.map(b => ({ ...b, restart: 0 })),
      ...after,
    ].slice(0, 40)) {
      lines.push(
        `- ${e.at} ${
          e.restart ? `after restart ${e.restart}` : 'before the first restart'
        }: \`${e.route}\` ${e.error ?? e.status}`,
      );
    }
  }
  if (pub.lost.length || pub.rejected.length) {
    lines.push('', '## Publishes lost or rejected', '');
    for (const l of pub.lost) {
      lines.push(
        `- lost: ${l.product} update ${l.counter}, acknowledged ${l.ackedAt}`,
      );
    }
    for (const j of pub.rejected.slice(0, 20)) {
      lines.push(
        `- rejected at ${j.at}: ${j.product} update ${j.counter}: ${j.reason}`,
      );
    }
  }
  lines.push(
    '',
    '## Live-route latency',
    '',
    'Calls with every part up: steadily (from 10 s after a recovery to the next stop, and before the first restart) and in the first 10 s after a recovery.',
    '',
    '| route | steady p50 / p95 / max | just after recovery p50 / p95 / max |',
    '|---|---|---|',
  );
  const ms = (x: { calls: number; p50: number; p95: number; max: number }) =>
    x.calls ? `${x.p50} / ${x.p95} / ${x.max} ms` : '—';
  for (const [route, l] of Object.entries(r.liveRoutes.latencyMs)) {
    lines.push(`| ${route} | ${ms(l.steady)} | ${ms(l.justAfterRecovery)} |`);
  }
  if (r.failure) lines.push('', `**The run broke off:** ${r.failure}`);
  lines.push(
    '',
    `Targets: ${r.targets
      .map(t => `${t.target} ${verdict(t.pass)}`)
      .join('; ')}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Writes the .json and .md; the markdown. */
export function writeChaosResult(result: ChaosResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stem = stemOf(result.at);
  const markdown = toMarkdown(result);
  fs.writeFileSync(
    path.join(resultsDir, `${stem}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(resultsDir, `${stem}.md`), markdown);
  return markdown;
}

/** Where the run's process logs go (git ignores *.log). */
export function logsDirOf(at: string): string {
  const dir = path.join(resultsDir, `${stemOf(at)}-logs`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
