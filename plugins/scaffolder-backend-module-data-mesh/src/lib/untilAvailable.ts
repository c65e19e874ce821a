import { ServiceUnavailableError } from '@backstage/errors';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** How long a step waits for Kafka or the registry to come back. */
export const DEFAULT_OUTAGE_WAIT_MS = 60_000;

/**
 * Runs an idempotent step again while Kafka or the registry is unavailable,
 * for up to `waitMs`: a task that meets a broker restart completes once the
 * broker is back instead of failing half-way (and leaving a topic without
 * its product). Any other error, and the last outage after the wait, is
 * the step's to report.
 */
export async function untilAvailable<T>(
  step: () => Promise<T>,
  options: {
    waitMs?: number;
    signal?: AbortSignal;
    onRetry?: (error: ServiceUnavailableError) => void;
  } = {},
): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_OUTAGE_WAIT_MS);
  let pause = 500;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (
        !(error instanceof ServiceUnavailableError) ||
        Date.now() + pause > deadline ||
        options.signal?.aborted
      ) {
        throw error;
      }
      options.onRetry?.(error);
      await sleep(pause);
      pause = Math.min(pause * 2, 5000);
    }
  }
}
