import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import { parseAvro } from './parse/parseAvro';
import { parseJsonSchema } from './parse/parseJsonSchema';
import { parseProtobuf } from './parse/parseProtobuf';

/**
 * Why a record does not fit its schema; undefined when it does.
 *
 * @public
 */
export type RecordValidator = (record: unknown) => string | undefined;

const VALIDATORS: Record<OutputFormat, (schema: string) => RecordValidator> = {
  avro: schema => {
    // Without logical types: values as the serializers take them.
    const type = parseAvro(schema);
    return record => {
      const paths: string[] = [];
      type.isValid(record, {
        errorHook: (path: string[]) => paths.push(path.join('.')),
      });
      return paths.length
        ? `invalid value at ${paths[0] || 'the record'}`
        : undefined;
    };
  },
  json: schema => {
    const { validate } = parseJsonSchema(schema);
    return record => {
      if (validate(record)) return undefined;
      const [first] = validate.errors ?? [];
      return `${first?.instancePath || 'the record'} ${
        first?.message ?? 'is invalid'
      }`;
    };
  },
  protobuf: schema => {
    // camelCase names, as protobufjs encodes them.
    const { message } = parseProtobuf(schema, { keepCase: false });
    return record =>
      message.verify(record as Record<string, unknown>) ?? undefined;
  },
};

/**
 * Checks records against a schema the way its serializer would: avsc for
 * Avro (bytes as Buffers), Ajv with formats for JSON Schema, protobufjs's
 * verifier for the first Protobuf message.
 *
 * @throws SchemaSyntaxError when the schema does not parse
 *
 * @public
 */
export function recordValidator(
  format: OutputFormat,
  schema: string,
): RecordValidator {
  return VALIDATORS[format](schema);
}
