/**
 * Makes a decoded or generated record JSON-safe: bytes as base64, 64-bit
 * integers (bigint, protobufjs Long) as strings, dates as ISO strings, maps
 * as objects.
 *
 * @public
 */
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
