/*
 * From the raw answers to recovery times: pure functions, used both while
 * the run waits for a recovery and for the report afterwards.
 */
import type { RouteAnswer } from './prober';

export interface Recovery {
  /** When every route had answered 200 (epoch ms), undefined if it never did. */
  recoveredAt?: number;
  /** Per route, ms from healthy to its first 200; undefined if none came. */
  firstOkMs: Record<string, number | undefined>;
  /** The routes still not answering 200 at the end of the window, with their last answer. */
  failing: Array<{
    route: string;
    status: number;
    error?: string;
    calls: number;
  }>;
}

/**
 * The moment every route's latest answer was 200, counting only calls made
 * after `healthyAt` (a call started while the part was down says nothing
 * about the recovery) and ended before `until`: answers sorted by their end,
 * the first end at which the latest answer of every route is a 200.
 */
export function recoveryAfter(
  answers: readonly RouteAnswer[],
  routes: readonly string[],
  healthyAt: number,
  until = Infinity,
): Recovery {
  const relevant = answers
    .filter(a => a.startedAt >= healthyAt && a.endedAt < until)
    .sort((a, b) => a.endedAt - b.endedAt);
  const latest = new Map<string, RouteAnswer>();
  const calls = new Map<string, number>();
  const firstOkMs: Recovery['firstOkMs'] = Object.fromEntries(
    routes.map(r => [r, undefined]),
  );
  let recoveredAt: number | undefined;
  for (const answer of relevant) {
    latest.set(answer.route, answer);
    calls.set(answer.route, (calls.get(answer.route) ?? 0) + 1);
    if (answer.status === 200 && firstOkMs[answer.route] === undefined) {
      firstOkMs[answer.route] = answer.endedAt - healthyAt;
    }
    if (
      recoveredAt === undefined &&
      routes.every(r => latest.get(r)?.status === 200)
    ) {
      recoveredAt = answer.endedAt;
      break;
    }
  }
  const failing = routes
    .filter(r => latest.get(r)?.status !== 200)
    .map(r => {
      const last = latest.get(r);
      return {
        route: r,
        status: last?.status ?? 0,
        error: last ? last.error : 'no call ended since the part was healthy',
        calls: calls.get(r) ?? 0,
      };
    });
  return { recoveredAt, firstOkMs, failing: recoveredAt ? [] : failing };
}

/** Non-200 answers of calls made in [from, until), i.e. ended before `until`. */
export function errorsBetween(
  answers: readonly RouteAnswer[],
  from: number,
  until: number,
): RouteAnswer[] {
  return answers.filter(
    a => a.status !== 200 && a.startedAt >= from && a.endedAt < until,
  );
}
