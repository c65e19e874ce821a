import { InputError } from '@backstage/errors';

/**
 * How much work one call of the synthetic generator may do. A schema is
 * measured against them before anything is generated (see the
 * `*WorstCase` walkers), so that a schema asking for ten million array
 * items is refused in a moment instead of exhausting the backend.
 *
 * @public
 */
export type SyntheticLimits = {
  /** Items an array must be given (JSON Schema `minItems`). */
  maxArrayItems: number;
  /**
   * Characters a string must be given (JSON Schema `minLength`, the
   * repetitions of a `pattern`), bytes of an Avro `fixed`.
   */
  maxStringLength: number;
  /**
   * Fields of one record, message or object, and properties an object must
   * have (JSON Schema `minProperties`).
   */
  maxFields: number;
  /**
   * Levels the generator descends: records, messages, objects, arrays,
   * maps, unions, `allOf`/`oneOf`/`anyOf`. Also what stops a schema that
   * contains itself without an optional way out.
   */
  maxDepth: number;
  /**
   * Values one record can take at most: every scalar, object, item and map
   * entry, a string the schema makes long once per
   * {@link CHARACTERS_PER_VALUE} characters.
   */
  maxValuesPerRecord: number;
  /** Values of all records of one call: the count times the above. */
  maxValuesPerRequest: number;
  /**
   * Schema nodes the measuring itself visits: it follows every branch of
   * every union, so a schema of unions of shared types could otherwise
   * make the check the expensive part.
   */
  maxSchemaNodes: number;
};

/**
 * Generous for real schemas (the demo mesh's largest takes 26 values per
 * record at most, so 1000 records of it are 26,000), small enough that the
 * largest allowed call takes about half a second and ten megabytes (twice
 * that at most when records fail the schema and are drawn again).
 *
 * @public
 */
export const DEFAULT_SYNTHETIC_LIMITS: Readonly<SyntheticLimits> = {
  maxArrayItems: 1000,
  maxStringLength: 10_000,
  maxFields: 1000,
  maxDepth: 64,
  maxValuesPerRecord: 20_000,
  maxValuesPerRequest: 100_000,
  maxSchemaNodes: 100_000,
};

/**
 * A string the schema makes long counts as one value per this many
 * characters: faker draws them one by one, about as fast as it draws ten
 * characters' worth of other values.
 */
export const CHARACTERS_PER_VALUE = 10;

const UNITS: Record<keyof SyntheticLimits, string> = {
  maxArrayItems: 'items per array',
  maxStringLength: 'characters per string',
  maxFields: 'fields per record',
  maxDepth: 'levels of nesting',
  maxValuesPerRecord: 'values per record',
  maxValuesPerRequest: 'values per request',
  maxSchemaNodes: 'schema nodes checked',
};

/** Where in a record, for messages; long recursive paths are cut short. */
export function describePath(path: string): string {
  if (!path) return 'the record';
  return `'${path.length > 80 ? `${path.slice(0, 80)}…` : path}'`;
}

/**
 * The refusal of a schema (or a count) that would exceed a limit. The
 * message names the limit by its key, so that it can be looked up.
 */
export function limitExceeded(
  limits: SyntheticLimits,
  limit: keyof SyntheticLimits,
  what: string,
  hint?: string,
): InputError {
  return new InputError(
    `Cannot generate synthetic records: ${what}, more than the limit of ${
      limits[limit]
    } ${UNITS[limit]} (${limit})${hint ? `; ${hint}` : ''}`,
  );
}

/** What a string of `length` characters counts as. */
export function textValues(length: number): number {
  return Math.max(1, Math.ceil(length / CHARACTERS_PER_VALUE));
}

/**
 * The most characters faker's `fromRegExp` can make of a pattern (as
 * `toFakerPattern` writes it): its own length plus every repetition count
 * it names. An overestimate is fine; only huge counts matter.
 */
export function patternLength(pattern: string): number {
  let length = pattern.length;
  for (const [, from, to] of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    length += Math.max(Number(from), Number(to || 0));
  }
  return length;
}

/**
 * The bookkeeping every format's worst-case walk shares: counts the nodes
 * it visits and refuses levels and sizes beyond the limits.
 */
export class LimitCheck {
  private nodes = 0;

  constructor(readonly limits: SyntheticLimits) {}

  /** One more schema node, `level` levels down, at `path`. */
  visit(level: number, path: string): void {
    if (++this.nodes > this.limits.maxSchemaNodes) {
      throw limitExceeded(
        this.limits,
        'maxSchemaNodes',
        'the schema has too many branches to check',
      );
    }
    if (level > this.limits.maxDepth) {
      throw limitExceeded(
        this.limits,
        'maxDepth',
        `records nest more than ${
          this.limits.maxDepth
        } levels deep at ${describePath(path)}`,
      );
    }
  }

  /**
   * Refuses a size the schema demands beyond `limit`; `what` is the
   * keyword that demands it, `noun` what is counted when not the limit's.
   */
  size(
    limit: 'maxArrayItems' | 'maxStringLength' | 'maxFields',
    size: number,
    path: string,
    what: string,
    noun = UNITS[limit].split(' ')[0],
  ): void {
    if (size > this.limits[limit]) {
      throw limitExceeded(
        this.limits,
        limit,
        `${describePath(path)} needs ${size} ${noun} (${what})`,
      );
    }
  }

  /** Refuses a record that can take more values than a record may. */
  perRecord(values: number): number {
    if (values > this.limits.maxValuesPerRecord) {
      throw limitExceeded(
        this.limits,
        'maxValuesPerRecord',
        `a record of this schema can take up to ${formatCount(values)} values`,
      );
    }
    return values;
  }
}

/** Counts beyond any limit can reach Infinity; they read as "more than". */
export function formatCount(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? String(n) : 'more than 10^15';
}
