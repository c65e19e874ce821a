import * as avro from 'avsc';
import { parseAvro } from '../parse/parseAvro';
import { childPath } from '../fieldPath';
import {
  AVRO_MAX_COLLECTION,
  avroWorstCase,
  isAvroLeaf,
} from './avroWorstCase';
import {
  branchesAt,
  OPTIONAL_DEPTH,
  recentDate,
  SyntheticContext,
} from './syntheticFaker';
import type { LimitCheck } from './syntheticLimits';
import { personalDate, textFor } from './syntheticText';

const DAY_MS = 86_400_000;

/**
 * Keeps the logical type (and its attributes) on the parsed type while
 * values stay those of the underlying type, as Confluent's serializers and
 * avsc without logical types expect them.
 */
class KeptLogicalType extends avro.types.LogicalType {
  readonly logicalType: string;
  readonly precision?: number;
  readonly scale?: number;

  constructor(schema: any, opts?: any) {
    super(schema, opts);
    this.logicalType = schema.logicalType;
    this.precision = schema.precision;
    this.scale = schema.scale;
  }

  protected _fromValue(value: unknown) {
    return value;
  }

  protected _toValue(value: unknown) {
    return value;
  }
}

const LOGICAL_TYPES = Object.fromEntries(
  [
    'decimal',
    'uuid',
    'date',
    'time-millis',
    'time-micros',
    'timestamp-millis',
    'timestamp-micros',
    'local-timestamp-millis',
    'local-timestamp-micros',
  ].map(name => [name, KeptLogicalType]),
);

/** Big-endian two's complement of a non-negative integer, as Avro decimals are. */
function decimalBytes(unscaled: bigint, size?: number): Buffer {
  let hex = unscaled.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  if (size !== undefined) {
    bytes = Buffer.concat([
      Buffer.alloc(Math.max(0, size - bytes.length)),
      bytes,
    ]);
  }
  return bytes;
}

class AvroGenerator {
  constructor(private readonly ctx: SyntheticContext) {}

  private get faker() {
    return this.ctx.faker;
  }

  value(type: avro.Type, path: string, name: string, depth: number): unknown {
    if (type instanceof KeptLogicalType) {
      return this.logical(type, path, name, depth);
    }
    const f = this.faker;
    switch (type.typeName) {
      case 'null':
        return null;
      case 'boolean':
        return f.datatype.boolean();
      case 'int':
        return f.number.int({ min: 0, max: 1000 });
      case 'long':
        return f.number.int({ min: 0, max: 1_000_000 });
      case 'float':
      case 'double':
        return f.number.float({ min: 0, max: 1000, fractionDigits: 2 });
      case 'bytes':
        return Buffer.from(f.string.alphanumeric(12));
      case 'string':
        return textFor(this.ctx, path, name);
      case 'fixed':
        return Buffer.from(
          f.string.hexadecimal({
            length: (type as avro.types.FixedType).size * 2,
            prefix: '',
          }),
          'hex',
        );
      case 'enum':
        return f.helpers.arrayElement((type as avro.types.EnumType).symbols);
      case 'array': {
        const items = (type as avro.types.ArrayType).itemsType;
        return Array.from({ length: this.size(depth) }, () =>
          this.value(items, path, name, depth),
        );
      }
      case 'map': {
        const values = (type as avro.types.MapType).valuesType;
        const keys = f.helpers.uniqueArray(
          () => f.lorem.word(),
          this.size(depth),
        );
        return Object.fromEntries(
          keys.map(key => [key, this.value(values, path, name, depth)]),
        );
      }
      case 'record':
      case 'error':
        return this.record(type as avro.types.RecordType, path, depth + 1);
      case 'union:unwrapped':
      case 'union:wrapped':
        return this.union(
          type as avro.types.UnwrappedUnionType,
          path,
          name,
          depth,
        );
      default:
        throw new Error(`Cannot generate Avro values of type ${type.typeName}`);
    }
  }

  // A record that needs itself without end was refused by the worst-case
  // walk (maxDepth) before generating.
  record(type: avro.types.RecordType, path: string, depth: number) {
    return Object.fromEntries(
      type.fields.map(field => [
        field.name,
        this.value(field.type, childPath(path, field.name), field.name, depth),
      ]),
    );
  }

  /** Array and map sizes: none once the records nest too deep. */
  private size(depth: number) {
    return depth >= OPTIONAL_DEPTH
      ? 0
      : this.faker.number.int({ min: 1, max: AVRO_MAX_COLLECTION });
  }

  private union(
    type: avro.types.UnwrappedUnionType,
    path: string,
    name: string,
    depth: number,
  ) {
    const branches = type.types.filter(t => t.typeName !== 'null');
    const nullable = branches.length < type.types.length;
    if (
      nullable &&
      (depth >= OPTIONAL_DEPTH ||
        this.faker.datatype.boolean({ probability: 0.2 }))
    ) {
      return null;
    }
    const branch = this.faker.helpers.arrayElement(
      branchesAt(branches, depth, isAvroLeaf),
    );
    const value = this.value(branch, path, name, depth);
    return type.typeName === 'union:wrapped'
      ? { [branch.branchName!]: value }
      : value;
  }

  private logical(
    type: KeptLogicalType,
    path: string,
    name: string,
    depth: number,
  ): unknown {
    const f = this.faker;
    const underlying = type.underlyingType;
    const when = () => personalDate(this.ctx, name) ?? recentDate(f);
    switch (type.logicalType) {
      case 'uuid':
        return f.string.uuid();
      case 'date':
        return Math.floor(when().getTime() / DAY_MS);
      case 'time-millis':
        return f.number.int({ min: 0, max: DAY_MS - 1 });
      case 'time-micros':
        return f.number.int({ min: 0, max: DAY_MS * 1000 - 1 });
      case 'timestamp-millis':
      case 'local-timestamp-millis':
        return when().getTime();
      case 'timestamp-micros':
      case 'local-timestamp-micros':
        return when().getTime() * 1000 + f.number.int({ min: 0, max: 999 });
      case 'decimal': {
        const digits = Math.min(type.precision ?? 9, 15);
        const unscaled = BigInt(
          f.number.int({ min: 0, max: 10 ** digits - 1 }),
        );
        const size =
          underlying.typeName === 'fixed'
            ? (underlying as avro.types.FixedType).size
            : undefined;
        return decimalBytes(unscaled, size);
      }
      default:
        return this.value(underlying, path, name, depth);
    }
  }
}

/**
 * Generates records for an Avro schema, once its worst case is within the
 * limits.
 */
export function avroRecordSource(
  text: string,
  ctx: SyntheticContext,
  check: LimitCheck,
) {
  const type = parseAvro(text, { logicalTypes: LOGICAL_TYPES });
  const valuesPerRecord = avroWorstCase(type, check);
  const generator = new AvroGenerator(ctx);
  return { valuesPerRecord, next: () => generator.value(type, '', '', 0) };
}
