import { InputError } from '@backstage/errors';
import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';

/** How messages name a schema of each format. */
const SCHEMA_LABELS: Record<OutputFormat, string> = {
  avro: 'Avro schema',
  json: 'JSON Schema',
  protobuf: 'Protobuf schema',
};

/**
 * Where in the schema the problem is, as precisely as the parser knows.
 *
 * @public
 */
export type SchemaErrorLocation = {
  line?: number;
  column?: number;
  /** Dotted path of the offending field, for errors found after parsing. */
  path?: string;
};

function where({ line, column, path }: SchemaErrorLocation): string {
  if (line !== undefined) {
    return column !== undefined
      ? ` at line ${line}, column ${column}`
      : ` at line ${line}`;
  }
  return path ? ` at field \`${path}\`` : '';
}

/**
 * A schema that does not parse, or parses but is not a valid schema of its
 * format. Stays an InputError (name included) so that HTTP error handlers
 * answer 400, e.g. "Invalid Avro schema at line 3, column 14: …".
 *
 * @public
 */
export class SchemaSyntaxError extends InputError {
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
  readonly reason: string;

  constructor(
    format: OutputFormat,
    reason: string,
    location: SchemaErrorLocation = {},
  ) {
    super(`Invalid ${SCHEMA_LABELS[format]}${where(location)}: ${reason}`);
    this.line = location.line;
    this.column = location.column;
    this.path = location.path;
    this.reason = reason;
  }
}
