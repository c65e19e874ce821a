import { ServiceUnavailableError } from '@backstage/errors';

/**
 * A call to Kafka or the registry did not answer in time: an outage, 503.
 *
 * @public
 */
export class UpstreamTimeoutError extends ServiceUnavailableError {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
  }
}

/**
 * Rejects with {@link UpstreamTimeoutError} when `promise` takes longer than `ms`.
 *
 * @public
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new UpstreamTimeoutError(what, ms)),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
