import { CustomErrorBase } from '@backstage/errors';

/**
 * The request would go over a cap on concurrent work (see
 * `ConcurrencyGate`); the client should try again after
 * `retryAfterSeconds`. Backstage's error handler answers it with 429 (it
 * honours `statusCode`); the router's error handler adds `Retry-After`.
 */
export class TooManyRequestsError extends CustomErrorBase {
  readonly name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
