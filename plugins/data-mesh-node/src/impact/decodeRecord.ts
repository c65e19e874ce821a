import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import type * as avro from 'avsc';
import type { ValidateFunction } from 'ajv';
import type * as protobuf from 'protobufjs';
import { parseAvro } from '../schema/parse/parseAvro';
import { parseJsonSchema } from '../schema/parse/parseJsonSchema';
import { parseProtobuf } from '../schema/parse/parseProtobuf';
import { toJsonSafe } from '../json/toJsonSafe';

/** A record value in Confluent's wire format, split. */
export interface WireValue {
  schemaId: number;
  /** The bytes after the magic byte and the schema id. */
  payload: Buffer;
}

/**
 * Splits a Confluent wire-format value (magic byte 0, 4-byte big-endian
 * schema id, payload); undefined for anything else.
 *
 * @public
 */
export function parseWireValue(buffer: Buffer | null): WireValue | undefined {
  if (!buffer || buffer.length < 5 || buffer[0] !== 0) return undefined;
  return { schemaId: buffer.readInt32BE(1), payload: buffer.subarray(5) };
}

/** A compiled schema that reads payloads. */
export interface RecordReader {
  format: OutputFormat;
  /**
   * The payload's value, read as this schema; throws with the reason when
   * it cannot be.
   */
  read(payload: Buffer, writer?: RecordReader): unknown;
}

function readZigZagVarint(buffer: Buffer, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= buffer.length) throw new Error('truncated message indexes');
    const byte = buffer[pos++];
    result |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
    shift += 7;
    if (shift > 28) throw new Error('malformed message indexes');
  }
  return [(result >>> 1) ^ -(result & 1), pos];
}

/**
 * Skips Confluent's protobuf message-index array (zig-zag varints: a count,
 * then the indexes; a lone 0 means the first message).
 */
export function skipMessageIndexes(payload: Buffer): Buffer {
  const [count, first] = readZigZagVarint(payload, 0);
  let pos = first;
  for (let i = 0; i < count; i++) [, pos] = readZigZagVarint(payload, pos);
  return payload.subarray(pos);
}

function avroReader(type: avro.Type): RecordReader & { type: avro.Type } {
  const resolvers = new WeakMap<object, avro.Resolver>();
  return {
    format: 'avro',
    type,
    read(payload, writer) {
      const writerType = (writer as { type?: avro.Type } | undefined)?.type;
      if (!writerType || writerType === type) {
        return toJsonSafe(type.fromBuffer(payload));
      }
      let resolver = resolvers.get(writerType);
      if (!resolver) {
        // Throws when the reader schema cannot read the writer's at all.
        resolver = type.createResolver(writerType);
        resolvers.set(writerType, resolver);
      }
      return toJsonSafe(type.fromBuffer(payload, resolver));
    },
  };
}

function jsonReader(validate: ValidateFunction): RecordReader {
  return {
    format: 'json',
    read(payload) {
      let value: unknown;
      try {
        value = JSON.parse(payload.toString('utf8'));
      } catch {
        throw new Error('the payload is not JSON');
      }
      if (!validate(value)) {
        const [first] = validate.errors ?? [];
        throw new Error(
          `${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`,
        );
      }
      return value;
    },
  };
}

function protobufReader(message: protobuf.Type): RecordReader {
  return {
    format: 'protobuf',
    read(payload) {
      const decoded = message.decode(skipMessageIndexes(payload));
      const problem = message.verify(decoded);
      if (problem) throw new Error(problem);
      return toJsonSafe(
        message.toObject(decoded, { longs: String, enums: String }),
      );
    },
  };
}

/**
 * A reader for a schema text: Avro resolves records written with another
 * schema (`Type.createResolver`), JSON Schema validates the decoded value,
 * Protobuf decodes the bytes with the message type.
 *
 * @throws SchemaSyntaxError when the text does not parse
 * @public
 */
export function recordReader(
  format: OutputFormat,
  schema: string,
): RecordReader {
  switch (format) {
    case 'avro':
      return avroReader(parseAvro(schema));
    case 'json':
      return jsonReader(parseJsonSchema(schema).validate);
    default:
      return protobufReader(parseProtobuf(schema).message);
  }
}
