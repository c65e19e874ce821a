import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The registered schema text, indented when it is JSON (Avro and JSON
 * Schema are); protobuf, or JSON that does not parse, as registered.
 */
export function prettySchema(schema: string): string {
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema;
  }
}

/** The highlighter's language for a schema of this format. */
export function schemaLanguage(format: OutputFormat): string {
  return format === 'protobuf' ? 'protobuf' : 'json';
}
