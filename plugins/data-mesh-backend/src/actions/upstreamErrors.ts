import {
  KafkaUnavailableError,
  RegistryUnavailableError,
} from '@kafka-mesh/plugin-data-mesh-node';
import { redact, unavailable, UpstreamTimeoutError } from '../lib/upstream';

/**
 * Runs an action's work and words its failures as the REST routes do:
 * Kafka and registry failures become ServiceUnavailableError (which MCP
 * clients are shown by name, like InputError and NotAllowedError), and
 * every message is scrubbed of the configured secrets. The actions
 * registry has its own router, so the routes' error handler does not see
 * these failures.
 */
export async function withUpstreamErrors<T>(
  secrets: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KafkaUnavailableError) {
      throw unavailable('Kafka', error, secrets);
    }
    if (error instanceof RegistryUnavailableError) {
      throw unavailable('the schema registry', error, secrets);
    }
    if (error instanceof UpstreamTimeoutError) {
      throw unavailable('Kafka', error, secrets);
    }
    if (error instanceof Error) {
      error.message = redact(error.message, secrets);
      error.stack = undefined;
    }
    throw error;
  }
}
