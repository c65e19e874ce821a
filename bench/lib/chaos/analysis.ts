/*
 * The run's record turned into the figures the report shows and the
 * targets judge: recovery per restart and per part, publishes, errors.
 */
import { percentile } from '../figures';
import type { ChaosOptions } from './options';
import type { RouteAnswer } from './prober';
import type { Update } from './publisher';
import { errorsBetween, Recovery, recoveryAfter } from './recovery';
import type { RestartTiming } from './restart';
import { Part, PARTS } from './schedule';

export interface RouteError {
  route: string;
  /** When the call started (ISO). */
  at: string;
  status: number;
  error?: string;
}

export interface RestartResult extends RestartTiming {
  startToHealthyMs: number;
  /** From healthy to every live route answering 200; absent when not within the limit. */
  recoveryMs?: number;
  /** The route whose first 200 came last (what the recovery waited for). */
  lastRoute?: string;
  firstOkMs: Recovery['firstOkMs'];
  /** When not recovered: the routes still failing and their last error. */
  failing: Recovery['failing'];
  /** Non-200 answers while the part was stopped or starting, until recovered. */
  errorsDuringOutage: number;
  /** The same by status (0 = no answer): a 404 or 400 where a 503 belongs shows here. */
  outageStatuses: Record<string, number>;
  /** Non-200 answers after the recovery, until the next restart (or the end). */
  errorsAfterRecovery: RouteError[];
}

export interface PartSummary {
  restarts: number;
  recovered: number;
  /** null when a restart that did not recover falls in the rank. */
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  pass: boolean;
}

export interface PublishSummary {
  updates: number;
  attempts: number;
  acknowledged: number;
  visible: number;
  /** Visible with their own counter (not only through a later update). */
  visibleExactly: number;
  lost: Array<{ product: string; counter: number; ackedAt: string }>;
  rejected: Array<{
    product: string;
    counter: number;
    at: string;
    reason: string;
  }>;
  ackToVisibleMs: { p50: number; p95: number; max: number } | null;
  pass: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How many answers had each status (0 = no answer). */
export function countByStatus(
  answers: ReadonlyArray<{ status: number }>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of answers) {
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}
const toRouteError = (a: RouteAnswer): RouteError => ({
  route: a.route,
  at: iso(a.startedAt),
  status: a.status,
  error: a.error,
});

/**
 * Each restart's recovery, judged over its own window: from the part being
 * healthy to the next restart's stop (the last one's: the end of the run).
 */
export function restartResults(
  timings: RestartTiming[],
  answers: readonly RouteAnswer[],
  routes: string[],
  options: ChaosOptions,
  endedAt: number,
): RestartResult[] {
  return timings.map((t, i) => {
    const nextStop = timings[i + 1]?.stopRequestedAt ?? endedAt;
    const until = Math.min(nextStop, t.healthyAt + options.recoveryLimitMs);
    const recovery = recoveryAfter(answers, routes, t.healthyAt, until);
    const { recoveredAt } = recovery;
    const outage = errorsBetween(
      answers,
      t.stopRequestedAt,
      recoveredAt ?? nextStop,
    );
    const lastRoute = recoveredAt
      ? Object.entries(recovery.firstOkMs).sort(
          (a, b) => (b[1] ?? 0) - (a[1] ?? 0),
        )[0]?.[0]
      : undefined;
    return {
      ...t,
      startToHealthyMs: t.healthyAt - t.startRequestedAt,
      recoveryMs: recoveredAt && recoveredAt - t.healthyAt,
      lastRoute,
      firstOkMs: recovery.firstOkMs,
      failing: recovery.failing,
      errorsDuringOutage: outage.length,
      outageStatuses: countByStatus(outage),
      errorsAfterRecovery: recoveredAt
        ? errorsBetween(answers, recoveredAt, nextStop).map(toRouteError)
        : [],
    };
  });
}

/** p50, p95, max of recovery per part; a restart that did not recover ranks last. */
export function partSummaries(
  restarts: RestartResult[],
  options: ChaosOptions,
): Record<Part, PartSummary> {
  const summaries = {} as Record<Part, PartSummary>;
  for (const part of PARTS) {
    const mine = restarts.filter(r => r.part === part);
    const values = mine.map(r => r.recoveryMs ?? Infinity);
    const finite = (n: number) => (Number.isFinite(n) ? n : null);
    const p95 = values.length ? percentile(values, 95) : NaN;
    summaries[part] = {
      restarts: mine.length,
      recovered: mine.filter(r => r.recoveryMs !== undefined).length,
      p50Ms: values.length ? finite(percentile(values, 50)) : null,
      p95Ms: values.length ? finite(p95) : null,
      maxMs: values.length ? finite(Math.max(...values)) : null,
      pass: p95 <= options.recoveryTargetMs,
    };
  }
  return summaries;
}

export function publishSummary(updates: Update[]): PublishSummary {
  const acked = updates.filter(u => u.ackedAt);
  const visible = acked.filter(u => u.visibleAt);
  const latencies = visible.map(u => u.visibleAt! - u.ackedAt!);
  const lost = acked
    .filter(u => !u.visibleAt)
    .map(u => ({
      product: u.product,
      counter: u.counter,
      ackedAt: iso(u.ackedAt!),
    }));
  return {
    updates: updates.length,
    attempts: updates.reduce((sum, u) => sum + u.attempts, 0),
    acknowledged: acked.length,
    visible: visible.length,
    visibleExactly: visible.filter(u => u.seenExactly).length,
    lost,
    rejected: updates
      .filter(u => u.rejected)
      .map(u => ({
        product: u.product,
        counter: u.counter,
        at: iso(u.rejectedAt!),
        reason: u.rejected!,
      })),
    ackToVisibleMs: latencies.length
      ? {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          max: Math.max(...latencies),
        }
      : null,
    // Nothing acknowledged would prove nothing.
    pass: acked.length > 0 && lost.length === 0,
  };
}

/** Non-200 answers between the first all-200 round and the first stop. */
export function baselineErrors(
  answers: readonly RouteAnswer[],
  baselineAt: number,
  firstStop: number,
): RouteError[] {
  return errorsBetween(answers, baselineAt, firstStop).map(toRouteError);
}

/** Calls this long after a recovery count as "just after" it. */
const JUST_AFTER_MS = 10_000;

export interface RouteLatency {
  /** Calls with every part up, at least 10 s after the last recovery. */
  steady: { calls: number; p50: number; p95: number; max: number };
  /** Calls started in the first 10 s after a recovery. */
  justAfterRecovery: { calls: number; p50: number; p95: number; max: number };
}

const spread = (ms: number[]) => ({
  calls: ms.length,
  p50: ms.length ? percentile(ms, 50) : 0,
  p95: ms.length ? percentile(ms, 95) : 0,
  max: ms.length ? Math.max(...ms) : 0,
});

/**
 * How long each route's calls took with everything up: steadily, and in
 * the first seconds after a recovery, when the backend's clients are
 * reconnecting. Slow calls then hold the backend's live-read places longer,
 * which is what its 429s after a recovery come from.
 */
export function routeLatency(
  answers: readonly RouteAnswer[],
  routes: string[],
  baselineAt: number,
  restarts: RestartResult[],
  endedAt: number,
): Record<string, RouteLatency> {
  // Windows with every part up: from the baseline or a recovery to the next stop.
  const windows: Array<{ from: number; until: number }> = [];
  let from: number | undefined = baselineAt;
  for (const r of restarts) {
    if (from !== undefined) windows.push({ from, until: r.stopRequestedAt });
    from = r.recoveryMs === undefined ? undefined : r.healthyAt + r.recoveryMs;
  }
  if (from !== undefined) windows.push({ from, until: endedAt });
  const latency: Record<string, RouteLatency> = {};
  for (const route of routes) {
    const steady: number[] = [];
    const justAfter: number[] = [];
    for (const a of answers) {
      if (a.route !== route) continue;
      const w = windows.find(x => a.startedAt >= x.from && a.endedAt < x.until);
      if (!w) continue;
      const took = a.endedAt - a.startedAt;
      const isBaseline = w.from === baselineAt;
      if (!isBaseline && a.startedAt < w.from + JUST_AFTER_MS) {
        justAfter.push(took);
      } else if (isBaseline || a.startedAt >= w.from + JUST_AFTER_MS) {
        steady.push(took);
      }
    }
    latency[route] = {
      steady: spread(steady),
      justAfterRecovery: spread(justAfter),
    };
  }
  return latency;
}
