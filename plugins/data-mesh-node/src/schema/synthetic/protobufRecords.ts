import * as protobuf from 'protobufjs';
import { childPath } from '../fieldPath';
import { parseProtobuf } from '../parse/parseProtobuf';
import {
  isProtobufLeaf,
  PROTOBUF_MAX_COLLECTION,
  protobufWorstCase,
} from './protobufWorstCase';
import {
  branchesAt,
  OPTIONAL_DEPTH,
  recentDate,
  SyntheticContext,
} from './syntheticFaker';
import type { LimitCheck } from './syntheticLimits';
import { personalDate, textFor } from './syntheticText';

const INT_RANGES: Record<string, [number, number]> = {
  int32: [0, 1000],
  sint32: [0, 1000],
  sfixed32: [0, 1000],
  uint32: [0, 1000],
  fixed32: [0, 1000],
  int64: [0, 1_000_000],
  sint64: [0, 1_000_000],
  sfixed64: [0, 1_000_000],
  uint64: [0, 1_000_000],
  fixed64: [0, 1_000_000],
};

/** camelCase names that read like moments: `placedAt`, `eventTime`. */
const MOMENT_NAME = /([a-z](At|Time|Timestamp|Date)|^(time|timestamp|date))$/;

class ProtobufGenerator {
  constructor(private readonly ctx: SyntheticContext) {}

  private get faker() {
    return this.ctx.faker;
  }

  message(type: protobuf.Type, path: string, depth: number) {
    if (type.fullName === '.google.protobuf.Timestamp') {
      const at = recentDate(this.faker).getTime();
      return {
        seconds: Math.floor(at / 1000),
        nanos: (at % 1000) * 1_000_000,
      };
    }
    const out: Record<string, unknown> = {};
    // One member of each oneof (a proto3 `optional` is a oneof of one,
    // left unset now and then).
    const chosen = new Set<protobuf.Field>();
    for (const oneof of type.oneofsArray) {
      const members = oneof.fieldsArray;
      const optional = members.length === 1;
      if (
        optional &&
        (depth >= OPTIONAL_DEPTH ||
          this.faker.datatype.boolean({ probability: 0.2 }))
      ) {
        continue;
      }
      chosen.add(
        this.faker.helpers.arrayElement(
          branchesAt(members, depth, isProtobufLeaf),
        ),
      );
    }
    for (const field of type.fieldsArray) {
      if (field.partOf && !chosen.has(field)) continue;
      field.resolve();
      const fieldPath = childPath(path, field.name);
      if (field instanceof protobuf.MapField) {
        out[field.name] = this.map(field, fieldPath, depth);
      } else if (field.repeated) {
        out[field.name] = Array.from({ length: this.size(depth) }, () =>
          this.single(field, fieldPath, depth),
        );
      } else if (
        field.resolvedType instanceof protobuf.Type &&
        !field.partOf &&
        depth >= OPTIONAL_DEPTH
      ) {
        continue; // an unset message field: the record stays finite
      } else {
        out[field.name] = this.single(field, fieldPath, depth);
      }
    }
    return out;
  }

  private size(depth: number) {
    return depth >= OPTIONAL_DEPTH
      ? 0
      : this.faker.number.int({ min: 1, max: PROTOBUF_MAX_COLLECTION });
  }

  private map(field: protobuf.MapField, path: string, depth: number) {
    const f = this.faker;
    const keys = f.helpers.uniqueArray(
      () => this.mapKey(field.keyType),
      this.size(depth),
    );
    return Object.fromEntries(
      keys.map(key => [key, this.single(field, path, depth)]),
    );
  }

  /** Map keys are strings in the JSON form, whatever their type. */
  private mapKey(keyType: string): string {
    const f = this.faker;
    if (keyType === 'string') return f.lorem.word();
    if (keyType === 'bool') return String(f.datatype.boolean());
    return String(f.number.int({ min: 0, max: 1000 }));
  }

  private single(
    field: protobuf.FieldBase,
    path: string,
    depth: number,
  ): unknown {
    const f = this.faker;
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) {
      return this.message(resolved, path, depth + 1);
    }
    if (resolved instanceof protobuf.Enum) {
      // protobufjs verifies enums by number.
      return f.helpers.arrayElement(Object.values(resolved.values));
    }
    const range = INT_RANGES[field.type];
    if (range) {
      const date = MOMENT_NAME.test(field.name)
        ? personalDate(this.ctx, field.name) ?? recentDate(f)
        : undefined;
      // Epoch milliseconds for names that read like moments.
      if (date && field.type.endsWith('64')) return date.getTime();
      return f.number.int({ min: range[0], max: range[1] });
    }
    switch (field.type) {
      case 'double':
      case 'float':
        return f.number.float({ min: 0, max: 1000, fractionDigits: 2 });
      case 'bool':
        return f.datatype.boolean();
      case 'bytes':
        return Buffer.from(f.string.alphanumeric(12)).toString('base64');
      default:
        return textFor(this.ctx, path, field.name);
    }
  }
}

/**
 * Generates records for the first message of a .proto text, with the
 * camelCase field names protobufjs (and so the registry's serializer) uses,
 * once its worst case is within the limits.
 */
export function protobufRecordSource(
  text: string,
  ctx: SyntheticContext,
  check: LimitCheck,
) {
  const { message } = parseProtobuf(text, { keepCase: false });
  const valuesPerRecord = protobufWorstCase(message, check);
  const generator = new ProtobufGenerator(ctx);
  return { valuesPerRecord, next: () => generator.message(message, '', 0) };
}
