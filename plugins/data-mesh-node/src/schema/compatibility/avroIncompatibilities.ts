import * as avro from 'avsc';
import { parseAvro } from '../parse/parseAvro';
import { childPath } from '../fieldPath';
import { Direction, fieldRef, Incompatibility } from './incompatibility';

const PROMOTIONS: Record<string, string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

const isUnion = (type: avro.Type): type is avro.types.UnwrappedUnionType =>
  type.typeName.startsWith('union');
const shortName = (type: avro.Type) => type.name?.split('.').pop() ?? '';

/** How a type reads in a sentence: `long`, `array<string>`, `enum Currency`. */
function avroTypeName(type: avro.Type): string {
  const kind = type.typeName;
  if (isUnion(type)) return type.types.map(avroTypeName).join(' | ');
  if (kind === 'array') {
    return `array<${avroTypeName((type as avro.types.ArrayType).itemsType)}>`;
  }
  if (kind === 'map') {
    return `map<${avroTypeName((type as avro.types.MapType).valuesType)}>`;
  }
  if (kind === 'fixed') {
    return `fixed ${shortName(type)}(${(type as avro.types.FixedType).size})`;
  }
  if (NAMED.has(kind))
    return `${kind === 'error' ? 'record' : kind} ${shortName(type)}`;
  return kind;
}

/** Whether the reader's type is the one a writer's value resolves to. */
function sameKind(reader: avro.Type, writer: avro.Type): boolean {
  const r = reader.typeName;
  const w = writer.typeName;
  if (NAMED.has(w)) {
    const names = [
      shortName(reader),
      ...(reader.aliases ?? []).map(a => a.split('.').pop()),
    ];
    return (
      r.replace('error', 'record') === w.replace('error', 'record') &&
      names.includes(shortName(writer))
    );
  }
  return r === w || (PROMOTIONS[w] ?? []).includes(r);
}

class AvroComparison {
  readonly issues: Incompatibility[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly direction: Direction) {}

  private add(change: string) {
    this.issues.push({ change, direction: this.direction });
  }

  private typeChanged(path: string, reader: avro.Type, writer: avro.Type) {
    // Sentences speak of the old schema first, whichever reads.
    const [before, after] =
      this.direction === 'backward' ? [writer, reader] : [reader, writer];
    const kind = before.typeName.replace('error', 'record');
    if (
      NAMED.has(kind) &&
      kind === after.typeName.replace('error', 'record') &&
      shortName(before) !== shortName(after)
    ) {
      const renamed = `${kind} \`${shortName(
        before,
      )}\` was renamed to \`${shortName(after)}\``;
      this.add(path ? `${renamed} in ${fieldRef(path)}` : renamed);
      return;
    }
    this.add(
      `type of ${fieldRef(path)} changed from ${avroTypeName(
        before,
      )} to ${avroTypeName(after)}`,
    );
  }

  /** Records the changes that stop `reader` from reading `writer`'s values. */
  compare(reader: avro.Type, writer: avro.Type, path: string): void {
    if (isUnion(writer)) {
      const readable = writer.types.every(branch =>
        isUnion(reader)
          ? reader.types.some(r => sameKind(r, branch))
          : sameKind(reader, branch),
      );
      if (!readable) {
        this.typeChanged(path, reader, writer);
        return;
      }
      for (const branch of writer.types) this.compare(reader, branch, path);
      return;
    }
    if (isUnion(reader)) {
      const match = reader.types.find(r => sameKind(r, writer));
      if (match) this.compare(match, writer, path);
      else this.typeChanged(path, reader, writer);
      return;
    }
    if (!sameKind(reader, writer)) {
      this.typeChanged(path, reader, writer);
      return;
    }
    switch (writer.typeName) {
      case 'record':
      case 'error':
        this.compareRecords(
          reader as avro.types.RecordType,
          writer as avro.types.RecordType,
          path,
        );
        break;
      case 'enum':
        this.compareEnums(
          reader as avro.types.EnumType,
          writer as avro.types.EnumType,
          path,
        );
        break;
      case 'fixed':
        if (
          (reader as avro.types.FixedType).size !==
          (writer as avro.types.FixedType).size
        ) {
          this.typeChanged(path, reader, writer);
        }
        break;
      case 'array':
        this.compare(
          (reader as avro.types.ArrayType).itemsType,
          (writer as avro.types.ArrayType).itemsType,
          `${path}[]`,
        );
        break;
      case 'map':
        this.compare(
          (reader as avro.types.MapType).valuesType,
          (writer as avro.types.MapType).valuesType,
          `${path}{}`,
        );
        break;
      default:
    }
  }

  private compareRecords(
    reader: avro.types.RecordType,
    writer: avro.types.RecordType,
    path: string,
  ) {
    const key = `${reader.name}\u0000${writer.name}`;
    if (this.seen.has(key)) return; // a recursive type, compared once
    this.seen.add(key);
    for (const field of reader.fields) {
      const fieldPath = childPath(path, field.name);
      const written = writer.fields.find(
        (w: avro.types.Field) =>
          w.name === field.name || field.aliases.includes(w.name),
      );
      if (written) {
        this.compare(field.type, written.type, fieldPath);
      } else if (field.defaultValue() === undefined) {
        this.add(
          this.direction === 'backward'
            ? `${fieldRef(fieldPath)} was added without a default`
            : `${fieldRef(fieldPath)} was removed and has no default`,
        );
      }
    }
  }

  private compareEnums(
    reader: avro.types.EnumType,
    writer: avro.types.EnumType,
    path: string,
  ) {
    if ((reader as { default?: string }).default !== undefined) return;
    for (const symbol of writer.symbols) {
      if (reader.symbols.includes(symbol)) continue;
      this.add(
        this.direction === 'backward'
          ? `symbol \`${symbol}\` was removed from ${fieldRef(path, 'enum')}`
          : `symbol \`${symbol}\` was added to ${fieldRef(path, 'enum')}`,
      );
    }
  }
}

/**
 * The changes from `previous` to `next` that Avro's schema resolution
 * rejects in the given directions: fields a reader needs that the writer
 * lacks (and that have no default), types that do not promote, enum
 * symbols a reader does not know, renamed named types, resized fixeds.
 * avsc's own resolver is the safety net for anything this misses.
 */
export function avroIncompatibilities(
  previous: string,
  next: string,
  directions: Direction[],
): Incompatibility[] {
  const before = parseAvro(previous);
  const after = parseAvro(next);
  return directions.flatMap(direction => {
    const [reader, writer] =
      direction === 'backward' ? [after, before] : [before, after];
    const comparison = new AvroComparison(direction);
    comparison.compare(reader, writer, '');
    if (comparison.issues.length) return comparison.issues;
    try {
      reader.createResolver(writer);
      return [];
    } catch (error) {
      return [
        {
          change: `the schemas do not resolve (${(error as Error).message})`,
          direction,
        },
      ];
    }
  });
}
