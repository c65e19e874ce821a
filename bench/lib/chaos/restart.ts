import type { PrivateStack } from './privateStack';
import type { PlannedRestart } from './schedule';

/** When each step of one restart happened (epoch ms). */
export interface RestartTiming extends PlannedRestart {
  stopRequestedAt: number;
  stoppedAt: number;
  startRequestedAt: number;
  /** The first health check that answered after the start. */
  healthyAt: number;
}

/** How often the part's health is probed while it starts. */
const HEALTH_POLL_MS = 200;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Stops the part, leaves it down for the planned time, starts it again and
 * resolves once it answers its health check. The health is probed here
 * every 200 ms rather than taken from `startPart` resolving (which polls
 * every 500 ms and then configures the registry), so that the recovery
 * measured from it is not shortened by that lag.
 */
export async function restartPart(
  stack: PrivateStack,
  planned: PlannedRestart,
): Promise<RestartTiming> {
  const stopRequestedAt = Date.now();
  await stack.stopPart(planned.part);
  const stoppedAt = Date.now();
  await sleep(planned.downMs);
  const startRequestedAt = Date.now();
  let started = false;
  const starting = stack.startPart(planned.part).finally(() => {
    started = true;
  });
  // A start that fails ends the polling too: its error is what matters.
  starting.catch(() => undefined);
  let healthyAt: number | undefined;
  while (healthyAt === undefined && !started) {
    if (await stack.healthy(planned.part)) healthyAt = Date.now();
    else await sleep(HEALTH_POLL_MS);
  }
  await starting;
  return {
    ...planned,
    stopRequestedAt,
    stoppedAt,
    startRequestedAt,
    healthyAt: healthyAt ?? Date.now(),
  };
}
