import type { LiveRoute } from './liveRoutes';
import type { PortalClient } from './portalClient';

/** One call of a live route (epoch ms). */
export interface RouteAnswer {
  route: string;
  startedAt: number;
  endedAt: number;
  /** 0 when no answer came (refused connection, timeout). */
  status: number;
  /** What went wrong, when not 200: the error or the body's message. */
  error?: string;
}

export interface Prober {
  /** Every answer so far, in the order they ended. */
  answers: RouteAnswer[];
  stop(): Promise<void>;
}

/** A failed answer's reason, short: Backstage errors carry `error.message`. */
export function reasonOf(status: number, body: string, error?: string) {
  if (error) return error;
  try {
    const message = JSON.parse(body)?.error?.message;
    if (typeof message === 'string')
      return `${status}: ${message.slice(0, 300)}`;
  } catch {
    // not JSON: the body itself
  }
  return `${status}: ${body.slice(0, 300)}`;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Reads every route once a second, each route in a loop of its own: a route
 * that hangs during an outage delays only its own next call, never the
 * others' (its next call starts when it answered, or a second after it
 * started, whichever is later). The loops start spread over the first
 * second so that the calls do not all arrive at once.
 */
export function startProber(
  client: PortalClient,
  routes: LiveRoute[],
  everyMs = 1000,
): Prober {
  const answers: RouteAnswer[] = [];
  let stopped = false;
  const loop = async (route: LiveRoute, offsetMs: number) => {
    await sleep(offsetMs);
    while (!stopped) {
      const startedAt = Date.now();
      const { status, body, error } = await client.request(
        route.method,
        route.path,
        { body: route.body },
      );
      const endedAt = Date.now();
      answers.push({
        route: route.id,
        startedAt,
        endedAt,
        status,
        ...(status !== 200 && { error: reasonOf(status, body, error) }),
      });
      await sleep(Math.max(0, startedAt + everyMs - endedAt));
    }
  };
  const loops = routes.map((route, i) =>
    loop(route, Math.round((i * everyMs) / routes.length)),
  );
  return {
    answers,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
