import {
  OUTPUT_FORMATS,
  OutputFormat,
} from '@kafka-mesh/plugin-data-mesh-common';
import { locateJsonError } from './locateJsonError';

/** How the editor and its messages name a schema of each format. */
export const SCHEMA_LABELS: Record<OutputFormat, string> = {
  avro: 'Avro schema',
  json: 'JSON Schema',
  protobuf: 'Protobuf schema',
};

/** The format the schema is written in; Avro until the form says otherwise. */
export function schemaFormatOf(value: unknown): OutputFormat {
  return OUTPUT_FORMATS.find(format => format === value) ?? 'avro';
}

/** Avro and JSON Schema are written as JSON, so the browser can check them. */
export function isJsonBasedFormat(format: OutputFormat): boolean {
  return format !== 'protobuf';
}

/**
 * A sentence describing the first syntax error of a JSON-based schema, in the
 * wording the backend's schema parser uses, or undefined when the text parses
 * (or is Protobuf, which only the backend checks).
 */
export function checkSchemaSyntax(
  format: OutputFormat,
  text: string,
): string | undefined {
  if (!isJsonBasedFormat(format)) {
    return undefined;
  }
  const problem = locateJsonError(text);
  return (
    problem &&
    `Invalid ${SCHEMA_LABELS[format]} at line ${problem.line}, column ${problem.column}: ${problem.reason}`
  );
}
