import { InputError } from '@backstage/errors';
import {
  OUTPUT_FORMATS,
  OutputFormat,
} from '@kafka-mesh/plugin-data-mesh-common';
import { parseAvro } from './parse/parseAvro';
import { parseJsonSchema } from './parse/parseJsonSchema';
import { parseProtobuf } from './parse/parseProtobuf';
import { RegistrySchemaType, SCHEMA_TYPE_OF_FORMAT } from './schemaTypes';

/**
 * A schema text that parsed, with the type the registry stores it under.
 *
 * @public
 */
export type ParsedSchema = {
  format: OutputFormat;
  schemaType: RegistrySchemaType;
  text: string;
};

const PARSERS: Record<OutputFormat, (text: string) => unknown> = {
  avro: parseAvro,
  json: parseJsonSchema,
  protobuf: parseProtobuf,
};

/**
 * Checks a schema text in the given format before it goes to the registry.
 *
 * @throws SchemaSyntaxError (an InputError) naming where the text is wrong
 * @throws InputError for a format that is not avro, json or protobuf
 *
 * @public
 */
export function parseSchema(format: OutputFormat, text: string): ParsedSchema {
  if (!OUTPUT_FORMATS.includes(format)) {
    throw new InputError(
      `'${format}' is not a schema format (one of ${OUTPUT_FORMATS.join(
        ', ',
      )})`,
    );
  }
  PARSERS[format](text);
  return { format, schemaType: SCHEMA_TYPE_OF_FORMAT[format], text };
}
