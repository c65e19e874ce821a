import * as protobuf from 'protobufjs';
import { FlatField, hasPiiTag, joinPath } from './types';

const SCALARS = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
]);

function firstMessage(ns: protobuf.NamespaceBase): protobuf.Type | undefined {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) return nested;
  }
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Namespace) {
      const found = firstMessage(nested);
      if (found) return found;
    }
  }
  return undefined;
}

/** The field's resolved type, or undefined for scalars and unknown imports. */
function resolvedType(field: protobuf.Field) {
  try {
    field.resolve();
  } catch {
    // An imported type (e.g. google.protobuf.Timestamp) that is not in the
    // text: keep its name as the type.
  }
  return field.resolvedType ?? undefined;
}

function typeName(
  field: protobuf.Field,
  resolved: protobuf.Type | protobuf.Enum | undefined,
): string {
  if (resolved instanceof protobuf.Enum) {
    return `enum(${Object.keys(resolved.values).join('|')})`;
  }
  return resolved ? resolved.name : field.type;
}

/**
 * Whether a field can be unset: messages, oneof members (proto3 `optional`
 * is a synthetic oneof) and, in proto2, every field that is not required.
 */
function hasPresence(
  field: protobuf.Field,
  resolved: protobuf.ReflectionObject | undefined,
  proto2: boolean,
): boolean {
  if (field.repeated || field instanceof protobuf.MapField) return false;
  if (resolved instanceof protobuf.Type || field.partOf) return true;
  // An unresolved type (an import) that is not a scalar is most likely a message.
  if (!resolved && !SCALARS.has(field.type)) return true;
  return proto2 && (field as { rule?: string }).rule !== 'required';
}

/** The option that carries Confluent's tags on a field. */
const CONFLUENT_FIELD_META = '(confluent.field_meta)';

/**
 * Confluent's field tags, `[(confluent.field_meta).tags = "PII"]` or
 * `[(confluent.field_meta) = { tags: ["PII"] }]`, as the attributes
 * {@link hasPiiTag} reads for Avro and JSON Schema. protobufjs keeps the
 * declared structure (one object per option statement) in `parsedOptions`;
 * its flat `options` keep only the last of several tags.
 */
function confluentTags(field: protobuf.Field): { tags: string[] } {
  const declared: unknown = field.parsedOptions;
  const tags: string[] = [];
  for (const option of Array.isArray(declared) ? declared : []) {
    const meta = (option as Record<string, unknown>)?.[CONFLUENT_FIELD_META];
    const value = (meta as { tags?: unknown } | undefined)?.tags;
    for (const tag of Array.isArray(value) ? value : [value]) {
      if (typeof tag === 'string') tags.push(tag);
    }
  }
  return { tags };
}

function flattenMessage(
  message: protobuf.Type,
  prefix: string,
  stack: Set<protobuf.Type>,
  out: FlatField[],
  proto2: boolean,
) {
  if (stack.has(message)) return; // a recursive message: list it once
  stack.add(message);
  for (const field of message.fieldsArray) {
    const path = joinPath(prefix, field.name);
    const resolved = resolvedType(field);
    let type = typeName(field, resolved);
    if (field instanceof protobuf.MapField) {
      type = `map<${field.keyType},${type}>`;
    } else if (field.repeated) {
      type = `array<${type}>`;
    }
    out.push({
      path,
      type,
      nullable: hasPresence(field, resolved, proto2),
      ...(field.comment && { doc: field.comment }),
      ...(field.options?.default !== undefined && {
        default: JSON.stringify(field.options.default),
      }),
      ...(hasPiiTag(confluentTags(field)) && { taggedPii: true }),
    });
    if (
      resolved instanceof protobuf.Type &&
      !(field instanceof protobuf.MapField)
    ) {
      flattenMessage(resolved, path, stack, out, proto2);
    }
  }
  stack.delete(message);
}

/**
 * Flattens the first message of a .proto text (the one Confluent's
 * serializers use by default) to dotted paths, nested messages below their
 * field, repeated fields as `array<…>`.
 */
export function flattenProtobuf(schemaText: string): FlatField[] {
  const { root } = protobuf.parse(schemaText, {
    keepCase: true,
    alternateCommentMode: true,
  });
  const message = firstMessage(root);
  if (!message) return [];
  const out: FlatField[] = [];
  // Without a syntax line a .proto file is proto2.
  const proto2 = !/^\s*(syntax|edition)\s*=\s*"(proto3|\d+)"/m.test(schemaText);
  flattenMessage(message, '', new Set(), out, proto2);
  return out;
}
