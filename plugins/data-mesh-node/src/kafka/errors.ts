import { ServiceUnavailableError } from '@backstage/errors';
import { KafkaJSAggregateError, KafkaJSError } from 'kafkajs';
import { UpstreamTimeoutError } from './withTimeout';

/**
 * A Kafka cluster could not be asked, or a call to it failed or ran out of
 * time. Answered as 503 with Retry-After; the cause says why.
 *
 * @public
 */
export class KafkaUnavailableError extends ServiceUnavailableError {}

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
