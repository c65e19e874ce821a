import * as protobuf from 'protobufjs';
import { parseProtobuf, ParsedProtobuf } from '../parse/parseProtobuf';
import { childPath } from '../fieldPath';
import { Direction, Incompatibility } from './incompatibility';

type Reserved = Array<number[] | string>;

/** Messages and enums of a file by their full name. */
function typesOf(
  ns: protobuf.NamespaceBase,
  out = new Map<string, protobuf.ReflectionObject>(),
) {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type || nested instanceof protobuf.Enum) {
      out.set(nested.fullName, nested);
    }
    if (nested instanceof protobuf.Namespace) typesOf(nested, out);
  }
  return out;
}

/** The message's name in paths: none for the record's own message. */
function prefixOf(message: protobuf.Type, recordMessage: string): string {
  const names: string[] = [];
  for (
    let current: protobuf.NamespaceBase | null = message;
    current instanceof protobuf.Type && current.fullName !== recordMessage;
    current = current.parent
  ) {
    names.unshift(current.name);
  }
  return names.join('.');
}

/** The label as written (`required`, `optional`, `repeated`); untyped in protobufjs. */
const ruleOf = (field: protobuf.Field) => (field as { rule?: string }).rule;

/** A field's label and type as the registry compares them. */
function fieldType(field: protobuf.Field): string {
  const type = field.resolvedType
    ? field.resolvedType.fullName.replace(/^\./, '')
    : field.type;
  if (field instanceof protobuf.MapField)
    return `map<${field.keyType}, ${type}>`;
  const label =
    ruleOf(field) ?? (field.options?.proto3_optional ? 'optional' : undefined);
  return label ? `${label} ${type}` : type;
}

/** Whether the reserved entries keep a name, or every number of a range. */
function covers(
  reserved: Reserved | undefined,
  entry: string | number | number[],
): boolean {
  if (typeof entry === 'string') return (reserved ?? []).includes(entry);
  const [from, to] = typeof entry === 'number' ? [entry, entry] : entry;
  const ranges = (reserved ?? [])
    .filter((r): r is number[] => Array.isArray(r))
    .sort((a, b) => a[0] - b[0]);
  let next = from;
  for (const [start, end] of ranges) {
    if (start > next) break;
    next = Math.max(next, end + 1);
  }
  return next > to;
}

const describeReserved = (entry: string | number[]) => {
  if (typeof entry === 'string') return `name \`${entry}\``;
  return entry[0] === entry[1]
    ? `number ${entry[0]}`
    : `numbers ${entry[0]} to ${entry[1]}`;
};

/**
 * Apicurio's Protobuf rules. BACKWARD checks the old file against the new
 * one: no field removed unless its name and number are reserved, no
 * reserved number reused, no field renumbered, renamed or retyped (label
 * included), no enum value renumbered, no required field added. FORWARD
 * checks the same rules with the files swapped, so that there an added field
 * counts as removed.
 */
class ProtobufComparison {
  readonly issues: Incompatibility[] = [];

  constructor(
    private readonly direction: Direction,
    private readonly old: ParsedProtobuf,
    private readonly next: ParsedProtobuf,
  ) {}

  private add(change: string, consequence: string) {
    this.issues.push({ change, consequence, direction: this.direction });
  }

  run() {
    const backward = this.direction === 'backward';
    const [before, after] = backward
      ? [this.old, this.next]
      : [this.next, this.old];
    const afterTypes = typesOf(after.root);
    for (const [name, type] of typesOf(before.root)) {
      const counterpart = afterTypes.get(name);
      if (
        type instanceof protobuf.Type &&
        counterpart instanceof protobuf.Type
      ) {
        this.compareMessages(type, counterpart, before, backward);
      } else if (
        type instanceof protobuf.Enum &&
        counterpart instanceof protobuf.Enum
      ) {
        this.compareEnums(type, counterpart, backward);
      }
    }
  }

  private compareMessages(
    before: protobuf.Type,
    after: protobuf.Type,
    beforeFile: ParsedProtobuf,
    backward: boolean,
  ) {
    const prefix = prefixOf(before, this.old.message.fullName);
    const where = (name: string) => `field \`${childPath(prefix, name)}\``;
    for (const field of before.fieldsArray) {
      const byName = after.fields[field.name];
      const byNumber = after.fieldsById[field.id];
      if (byName && byName.id !== field.id) {
        const [from, to] = backward ? [field, byName] : [byName, field];
        this.add(
          `${where(field.name)} was renumbered from ${from.id} to ${to.id}`,
          'old and new records do not share its values',
        );
      }
      if (byNumber && byNumber.name !== field.name) {
        const [from, to] = backward ? [field, byNumber] : [byNumber, field];
        this.add(
          `${where(from.name)} (number ${field.id}) was renamed to \`${
            to.name
          }\``,
          'records in the JSON encoding no longer match',
        );
      }
      if (byNumber && byNumber.name === field.name) {
        const [from, to] = backward ? [field, byNumber] : [byNumber, field];
        if (fieldType(from) !== fieldType(to)) {
          this.add(
            `type of ${where(field.name)} (number ${
              field.id
            }) changed from ${fieldType(from)} to ${fieldType(to)}`,
            'its values cannot be decoded across the change',
          );
        }
      }
      if (
        !byName &&
        !byNumber &&
        !(
          covers(after.reserved, field.name) && covers(after.reserved, field.id)
        )
      ) {
        if (backward) {
          this.add(
            `${where(field.name)} (number ${
              field.id
            }) was removed without reserving its name and number`,
            'a later field could reuse them and misread old records',
          );
        } else {
          this.add(
            `${where(field.name)} (number ${field.id}) was added`,
            'consumers still using the old schema do not know it',
          );
        }
      }
    }
    for (const field of after.fieldsArray) {
      if (before.fieldsById[field.id]) continue;
      if (
        covers(before.reserved, field.id) ||
        covers(before.reserved, field.name)
      ) {
        this.add(
          backward
            ? `${where(field.name)} reuses number ${
                field.id
              } or its name, which the old schema reserved`
            : `${where(field.name)} of the old schema uses number ${
                field.id
              } or a name that the new schema reserves`,
          'old records may hold other data under that number',
        );
      }
      if (
        beforeFile.proto2 &&
        ruleOf(field) === 'required' &&
        !before.fields[field.name]
      ) {
        this.add(
          backward
            ? `required ${where(field.name)} was added`
            : `required ${where(field.name)} was removed`,
          backward
            ? 'old records do not have it'
            : 'consumers still using the old schema require it',
        );
      }
    }
    if (backward) this.compareReserved(before, after);
  }

  /** Reservations the old message made that the new one dropped. */
  private compareReserved(before: protobuf.Type, after: protobuf.Type) {
    for (const entry of before.reserved ?? []) {
      if (covers(after.reserved, entry)) continue;
      this.add(
        `reserved ${describeReserved(entry)} of message \`${
          before.name
        }\` was released`,
        'a new field could reuse it and misread old records',
      );
    }
  }

  private compareEnums(
    before: protobuf.Enum,
    after: protobuf.Enum,
    backward: boolean,
  ) {
    for (const [name, number] of Object.entries(before.values)) {
      const moved = after.values[name];
      if (moved === undefined || moved === number) continue;
      const [from, to] = backward ? [number, moved] : [moved, number];
      this.add(
        `value \`${name}\` of enum \`${before.name}\` was renumbered from ${from} to ${to}`,
        'old and new records mean different values by the same number',
      );
    }
  }
}

/**
 * The changes from `previous` to `next` that Apicurio's Protobuf rules
 * reject in the given directions, compared message by message (by full
 * name) across the whole file.
 */
export function protobufIncompatibilities(
  previous: string,
  next: string,
  directions: Direction[],
): Incompatibility[] {
  const old = parseProtobuf(previous);
  const updated = parseProtobuf(next);
  return directions.flatMap(direction => {
    const comparison = new ProtobufComparison(direction, old, updated);
    comparison.run();
    return comparison.issues;
  });
}
