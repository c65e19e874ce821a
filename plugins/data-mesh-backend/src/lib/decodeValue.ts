import { stringifyError } from '@backstage/errors';
import {
  RegistryUnavailableError,
  toJsonSafe,
  UpstreamTimeoutError,
} from '@kafka-mesh/plugin-data-mesh-node';

/** Decodes Confluent wire format (magic byte 0, 4-byte schema id, payload). */
export type WireDecoder = (buffer: Buffer) => Promise<unknown>;

/** A value that could not be decoded, shown instead of raw bytes. */
export const undecodable = (reason: string) => `<undecodable: ${reason}>`;

function isWireFormat(buffer: Buffer): boolean {
  return buffer.length > 5 && buffer[0] === 0;
}

/**
 * A record value as JSON: wire-format values through the registry, plain
 * JSON parsed, anything else as a UTF-8 string. A registry that cannot be
 * reached fails the whole read; a value the registry cannot decode is shown
 * as undecodable.
 */
export async function decodeValue(
  buffer: Buffer | null,
  decode: WireDecoder,
): Promise<unknown> {
  if (buffer === null) return null;
  if (isWireFormat(buffer)) {
    try {
      return toJsonSafe(await decode(buffer));
    } catch (error) {
      // The client's HTTP errors carry the response status (its error
      // classes are not exported); 404 means this schema id is unknown.
      const status = (error as { status?: unknown }).status;
      const httpFailure = typeof status === 'number' && status !== 404;
      if (
        error instanceof RegistryUnavailableError ||
        error instanceof UpstreamTimeoutError ||
        httpFailure
      ) {
        throw new RegistryUnavailableError(
          `decoding failed (${
            httpFailure ? `HTTP ${status}` : stringifyError(error)
          })`,
          error,
        );
      }
      return undecodable(
        status === 404
          ? `schema ${buffer.readInt32BE(1)} is not registered`
          : 'does not match its schema',
      );
    }
  }
  const text = buffer.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
