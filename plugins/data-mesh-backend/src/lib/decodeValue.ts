import {
  RegistryUnavailableError,
  toJsonSafe,
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
      const status = (error as { status?: number }).status;
      const name = (error as Error).name;
      if (
        error instanceof RegistryUnavailableError ||
        name === 'UpstreamTimeoutError' ||
        (name === 'ResponseError' && status !== 404)
      ) {
        throw new RegistryUnavailableError(
          `decoding failed (${status ? `HTTP ${status}` : name})`,
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
