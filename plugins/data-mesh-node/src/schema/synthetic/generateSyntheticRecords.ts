import { InputError } from '@backstage/errors';
import { setImmediate } from 'node:timers/promises';
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
import {
  DEFAULT_SYNTHETIC_LIMITS,
  LimitCheck,
  limitExceeded,
  SyntheticLimits,
} from './syntheticLimits';

/**
 * The most records one call generates.
 *
 * @public
 */
export const MAX_SYNTHETIC_RECORDS = 1000;

/** How often a record that fails its schema is drawn again. */
const ATTEMPTS = 25;
/**
 * Redraws of failed records a call may make in all, beyond one draw per
 * record, as a share of the count (at least ATTEMPTS): so that a schema
 * most records fail cannot multiply the measured work by ATTEMPTS.
 */
const REDRAW_SHARE = 1;

/** @public */
export type SyntheticRecordsOptions = {
  format: OutputFormat;
  /** The schema text, as registered. */
  schema: string;
  count: number;
  /** The same seed and schema give the same records. */
  seed?: number;
  /** Dotted paths of personal fields, as in the descriptor's `piiFields`. */
  piiFields?: readonly string[];
  /** Other limits than {@link DEFAULT_SYNTHETIC_LIMITS}, e.g. in tests. */
  limits?: Partial<SyntheticLimits>;
};

/** A format's generator, made once its worst case passed the limits. */
type RecordSource = (
  text: string,
  ctx: SyntheticContext,
  check: LimitCheck,
) => { valuesPerRecord: number; next: () => unknown };

const SOURCES: Record<OutputFormat, RecordSource> = {
  avro: avroRecordSource,
  json: jsonSchemaRecordSource,
  protobuf: protobufRecordSource,
};

/** Values generated between two turns of the event loop (async variant). */
const VALUES_PER_TURN = 5000;

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Everything before the first record: the arguments checked, the schema
 * parsed and measured against the limits (nothing is generated for a
 * schema or count beyond them), the validator compiled.
 */
function prepare({
  format,
  schema,
  count,
  seed = DEFAULT_SYNTHETIC_SEED,
  piiFields = [],
  limits: overrides,
}: SyntheticRecordsOptions) {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SYNTHETIC_RECORDS) {
    throw new InputError(
      `count must be an integer from 1 to ${MAX_SYNTHETIC_RECORDS}, not ${count}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new InputError(`seed must be an integer, not ${seed}`);
  }
  const limits = { ...DEFAULT_SYNTHETIC_LIMITS, ...overrides };
  const { valuesPerRecord, next } = SOURCES[format](
    schema,
    {
      faker: createSyntheticFaker(seed),
      piiPaths: new Set(piiFields.map(normalizePath)),
    },
    new LimitCheck(limits),
  );
  const total = count * valuesPerRecord;
  if (total > limits.maxValuesPerRequest) {
    const fit = Math.floor(limits.maxValuesPerRequest / valuesPerRecord);
    throw limitExceeded(
      limits,
      'maxValuesPerRequest',
      `${count} records of up to ${valuesPerRecord} values each can take ${total} values`,
      fit > 0 ? `ask for at most ${fit} records of this schema` : undefined,
    );
  }
  const check = recordValidator(format, schema);
  let redraws = Math.max(ATTEMPTS, Math.ceil(count * REDRAW_SHARE));
  const draw = (): Record<string, unknown> => {
    let problem = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0 && redraws-- <= 0) {
        throw new InputError(
          `Could not generate ${count} records that satisfy the schema: too many drawn records failed it (${problem}); its constraints may be too narrow or use patterns the generator does not support`,
        );
      }
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
  };
  return { count, valuesPerRecord, draw };
}

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
 * The work is bounded: before anything is generated, the schema's worst
 * case (sizes, fields, nesting, values per record and for the count) is
 * measured against the limits.
 *
 * @throws SchemaSyntaxError when the schema does not parse
 * @throws InputError for a bad count, a schema or count beyond a limit
 * (the message names it), or a schema no record can satisfy
 *
 * @public
 */
export function generateSyntheticRecords(
  options: SyntheticRecordsOptions,
): Array<Record<string, unknown>> {
  const { count, draw } = prepare(options);
  return Array.from({ length: count }, draw);
}

/**
 * {@link generateSyntheticRecords} for a server: the same records, with a
 * turn of the event loop every few thousand values, so that a large call
 * does not hold up the other requests (and concurrent calls interleave).
 *
 * @public
 */
export async function generateSyntheticRecordsAsync(
  options: SyntheticRecordsOptions,
): Promise<Array<Record<string, unknown>>> {
  const { count, valuesPerRecord, draw } = prepare(options);
  const records: Array<Record<string, unknown>> = [];
  let sinceTurn = 0;
  while (records.length < count) {
    records.push(draw());
    sinceTurn += valuesPerRecord;
    if (sinceTurn >= VALUES_PER_TURN) {
      sinceTurn = 0;
      await setImmediate();
    }
  }
  return records;
}
