import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import { SchemaSyntaxError } from '../SchemaSyntaxError';
import { locateJsonError } from './locateJsonError';

/** The JSON of an Avro schema or a JSON Schema; throws SchemaSyntaxError. */
export function parseJsonText(format: OutputFormat, text: string): unknown {
  if (!text.trim()) throw new SchemaSyntaxError(format, 'the schema is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonError(text);
    if (located) throw new SchemaSyntaxError(format, located.reason, located);
    throw new SchemaSyntaxError(format, (error as Error).message);
  }
}
