import { ServiceUnavailableError } from '@backstage/errors';
import type { DataMeshConfig } from '@kafka-mesh/plugin-data-mesh-node';

/** How long one Kafka or registry call may take. */
export const DEFAULT_CALL_TIMEOUT_MS = 5000;

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

// Shared with the catalog module, which reads Kafka under the same bounds.
export {
  UpstreamTimeoutError,
  withTimeout,
} from '@kafka-mesh/plugin-data-mesh-node';

/** Every secret in the suite's config, so that no message can echo one. */
export function secretsOf(config: DataMeshConfig): string[] {
  const secrets: string[] = [];
  if (config.schemaRegistry.auth) {
    const { username, password } = config.schemaRegistry.auth;
    secrets.push(
      password,
      Buffer.from(`${username}:${password}`).toString('base64'),
    );
  }
  for (const cluster of config.clusters) {
    const sasl = cluster.sasl as { password?: string } | undefined;
    if (sasl?.password) secrets.push(sasl.password);
    if (cluster.ssl && typeof cluster.ssl === 'object') {
      for (const key of ['key', 'passphrase'] as const) {
        const value = cluster.ssl[key];
        if (typeof value === 'string') secrets.push(value);
      }
    }
  }
  // Longest first, so that a secret containing another is replaced whole.
  return secrets.filter(s => s.length > 0).sort((x, y) => y.length - x.length);
}

/** `text` without the given secrets and without credentials in URLs. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text.replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***@');
  for (const secret of secrets) {
    result = result.split(secret).join('***');
  }
  return result;
}

/**
 * Turns a failed Kafka or registry call into the 503 the API answers with.
 * The cause is kept short and scrubbed of every configured secret.
 */
export function unavailable(
  what: 'Kafka' | 'the schema registry',
  error: unknown,
  secrets: readonly string[],
): ServiceUnavailableError {
  const cause = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailableError(
    `${what} is unavailable: ${redact(cause, secrets).slice(0, 300)}`,
  );
}
