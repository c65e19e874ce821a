import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import {
  KafkaJSAggregateError,
  KafkaJSError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { UpstreamTimeoutError } from './withTimeout';

/**
 * A Kafka cluster could not be asked, or a call to it failed or ran out of
 * time. Answered as 503 with Retry-After; the cause says why.
 *
 * @public
 */
export class KafkaUnavailableError extends ServiceUnavailableError {}

/**
 * The broker refused the suite's own principal: it failed to authenticate
 * or lacks an ACL for the call. Not an outage (no retry would help): 403,
 * and the cause names the missing right. The README lists the ACLs the
 * portal's principal needs.
 *
 * @public
 */
export class KafkaNotAuthorizedError extends NotAllowedError {}

/** The broker's error codes along kafkajs's wrappers (retries, aggregates). */
function kafkaErrorTypes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as {
    type?: string;
    originalError?: unknown;
    cause?: unknown;
    errors?: unknown[];
  };
  return [
    ...(typeof e.type === 'string' ? [e.type] : []),
    ...kafkaErrorTypes(e.originalError, depth + 1),
    ...kafkaErrorTypes(e.cause, depth + 1),
    ...(Array.isArray(e.errors)
      ? e.errors.flatMap(x => kafkaErrorTypes(x, depth + 1))
      : []),
  ];
}

/**
 * Whether the broker refused a call for want of rights (an ACL, or the
 * principal's credentials) rather than for being away.
 *
 * @public
 */
export function isKafkaAuthorizationError(error: unknown): boolean {
  if (error instanceof KafkaJSSASLAuthenticationError) return true;
  return kafkaErrorTypes(error).some(
    type =>
      type.endsWith('_AUTHORIZATION_FAILED') ||
      type === 'SASL_AUTHENTICATION_FAILED',
  );
}

/**
 * Whether kafkajs reports that a topic or partition is not known.
 *
 * @public
 */
export function isUnknownTopicError(error: unknown): boolean {
  // kafkajs 2 wraps the broker's answer in the error of its last retry.
  const e = error as {
    type?: string;
    originalError?: { type?: string };
    cause?: { type?: string };
  };
  return [e?.type, e?.originalError?.type, e?.cause?.type].includes(
    'UNKNOWN_TOPIC_OR_PARTITION',
  );
}

/**
 * Whether an error came from Kafka (or its deadline) rather than from the
 * caller's own logic run with a client, e.g. a ConflictError thrown inside
 * an admin call: only the former says anything about the connection.
 */
export function isKafkaError(error: unknown): boolean {
  // A broker's per-topic answers to a createTopics request come as one
  // aggregate of protocol errors; a broker shutting down answers that way
  // (seen as a Create data product task failed at its topic step in CI).
  if (error instanceof KafkaJSAggregateError) {
    return error.errors.length > 0 && error.errors.every(isKafkaError);
  }
  return error instanceof KafkaJSError || error instanceof UpstreamTimeoutError;
}
