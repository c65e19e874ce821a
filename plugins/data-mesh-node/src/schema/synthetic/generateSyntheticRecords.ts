import { InputError } from '@backstage/errors';
import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import { recordValidator } from '../recordValidator';
import { avroRecordSource } from './avroRecords';
import { jsonSchemaRecordSource } from './jsonSchemaRecords';
import { protobufRecordSource } from './protobufRecords';
import {
  createSyntheticFaker,
  DEFAULT_SYNTHETIC_SEED,
  normalizePath,
  SyntheticContext,
} from './syntheticFaker';

/** The most records one call generates. */
export const MAX_SYNTHETIC_RECORDS = 1000;

/** How often a record that fails its schema is drawn again. */
const ATTEMPTS = 25;

export type SyntheticRecordsOptions = {
  format: OutputFormat;
  /** The schema text, as registered. */
  schema: string;
  count: number;
  /** The same seed and schema give the same records. */
  seed?: number;
  /** Dotted paths of personal fields, as in the descriptor's `piiFields`. */
  piiFields?: readonly string[];
};

const SOURCES: Record<
  OutputFormat,
  (text: string, ctx: SyntheticContext) => () => unknown
> = {
  avro: avroRecordSource,
  json: jsonSchemaRecordSource,
  protobuf: protobufRecordSource,
};

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Records that are valid against the schema, in the form its serializer
 * takes: Avro values as avsc expects them (logical types as their
 * underlying values; bytes, fixed and decimals as Buffers, see
 * `toJsonSafe`), JSON Schema documents as they are, Protobuf messages with
 * camelCase names, enums by number and bytes as base64. Types, enums,
 * logical types and formats, bounds, simple patterns and required fields
 * are respected, nullable fields are sometimes null. Personal fields
 * (listed in `piiFields`, or named like email, name, phone, address,
 * birthDate…) get realistic fake values. Deterministic for a seed.
 *
 * @throws SchemaSyntaxError when the schema does not parse
 * @throws InputError for a bad count, or a schema no record can satisfy
 */
export function generateSyntheticRecords({
  format,
  schema,
  count,
  seed = DEFAULT_SYNTHETIC_SEED,
  piiFields = [],
}: SyntheticRecordsOptions): Array<Record<string, unknown>> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SYNTHETIC_RECORDS) {
    throw new InputError(
      `count must be an integer from 1 to ${MAX_SYNTHETIC_RECORDS}, not ${count}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new InputError(`seed must be an integer, not ${seed}`);
  }
  const check = recordValidator(format, schema);
  const next = SOURCES[format](schema, {
    faker: createSyntheticFaker(seed),
    piiPaths: new Set(piiFields.map(normalizePath)),
  });
  return Array.from({ length: count }, () => {
    let problem = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const record = next();
      if (!isPlainRecord(record)) {
        throw new InputError(
          'Synthetic records need a schema whose records are objects (an Avro record, a JSON Schema object, a Protobuf message)',
        );
      }
      const failure = check(record);
      if (!failure) return record;
      problem = failure;
    }
    throw new InputError(
      `Could not generate a record that satisfies the schema (${problem}); its constraints may be too narrow or use patterns the generator does not support`,
    );
  });
}
