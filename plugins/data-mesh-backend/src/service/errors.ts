import { ServiceUnavailableError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';
import {
  KafkaUnavailableError,
  RegistryUnavailableError,
} from '@kafka-mesh/plugin-data-mesh-node';
import { TooManyRequestsError } from '../lib/TooManyRequestsError';
import {
  redact,
  RETRY_AFTER_SECONDS,
  unavailable,
  UpstreamTimeoutError,
} from '../lib/upstream';

/**
 * Kafka and registry failures become 503 with `Retry-After`, work over a
 * concurrency cap 429 with `Retry-After`; every message is scrubbed of the
 * configured secrets before Backstage's error handler (which comes after
 * this one) serializes it.
 */
export function upstreamErrorHandler(
  secrets: readonly string[],
): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (error instanceof TooManyRequestsError) {
      // Its statusCode (429) is what Backstage's handler answers with.
      if (!res.headersSent) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
      return;
    }
    let mapped: Error = error;
    if (error instanceof KafkaUnavailableError) {
      mapped = unavailable('Kafka', error, secrets);
    } else if (error instanceof RegistryUnavailableError) {
      mapped = unavailable('the schema registry', error, secrets);
    } else if (error instanceof UpstreamTimeoutError) {
      mapped = unavailable('Kafka', error, secrets);
    } else if (error instanceof Error) {
      error.message = redact(error.message, secrets);
      error.stack = undefined;
    }
    if (mapped instanceof ServiceUnavailableError && !res.headersSent) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    next(mapped);
  };
}
