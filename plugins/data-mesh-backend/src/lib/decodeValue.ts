import { RegistryUnavailableError } from '@kafka-mesh/plugin-data-mesh-node';

/** Decodes Confluent wire format (magic byte 0, 4-byte schema id, payload). */
export type WireDecoder = (buffer: Buffer) => Promise<unknown>;

/** A value that could not be decoded, shown instead of raw bytes. */
export const undecodable = (reason: string) => `<undecodable: ${reason}>`;

/** Makes a decoded value JSON-safe: bytes as base64, 64-bit ints as strings. */
export function toJsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value instanceof Map) {
    return Object.fromEntries(
      [...value.entries()].map(([k, v]) => [String(k), toJsonSafe(v)]),
    );
  }
  if (typeof value === 'object') {
    const long = value as {
      low?: unknown;
      high?: unknown;
      unsigned?: unknown;
      toString(): string;
    };
    if (
      typeof long.low === 'number' &&
      typeof long.high === 'number' &&
      typeof long.unsigned === 'boolean'
    ) {
      return long.toString(); // protobufjs Long
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]),
    );
  }
  return value;
}

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
