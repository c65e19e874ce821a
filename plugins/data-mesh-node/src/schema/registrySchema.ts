import type {
  OutputFormat,
  ProtoFieldShape,
  ProtoMessageShape,
  RegistrySchema,
} from '@kafka-mesh/plugin-data-mesh-common';
import * as protobuf from 'protobufjs';
import { parseProtobuf } from './parse/parseProtobuf';

function messageShape(
  type: protobuf.Type,
  proto2: boolean,
  stack: Set<string>,
): ProtoMessageShape {
  stack.add(type.fullName);
  const fields = type.fieldsArray.map((field): ProtoFieldShape => {
    field.resolve();
    const resolved = field.resolvedType;
    const typeName =
      resolved instanceof protobuf.Type || resolved instanceof protobuf.Enum
        ? resolved.fullName.replace(/^\./, '')
        : field.type;
    const map = field instanceof protobuf.MapField ? field : undefined;
    return {
      name: field.name,
      type: typeName,
      ...(field.comment ? { comment: field.comment } : {}),
      ...(field.repeated && !map ? { repeated: true } : {}),
      ...(map ? { keyType: map.keyType } : {}),
      ...(field.required ? { required: true } : {}),
      // proto3 `optional` (a synthetic oneof) or a proto2 optional field.
      ...(field.partOf?.name.startsWith('_') ||
      (proto2 && field.optional && !field.repeated && !map)
        ? { optional: true }
        : {}),
      ...(resolved instanceof protobuf.Enum
        ? { enumValues: Object.keys(resolved.values) }
        : {}),
      ...(resolved instanceof protobuf.Type &&
      !typeName.startsWith('google.protobuf.') &&
      !stack.has(resolved.fullName)
        ? { message: messageShape(resolved, proto2, stack) }
        : {}),
    };
  });
  stack.delete(type.fullName);
  return {
    name: type.fullName.replace(/^\./, ''),
    ...(type.comment ? { comment: type.comment } : {}),
    fields,
  };
}

/**
 * The first message of a .proto text (the one Confluent's serializers use),
 * reduced to the shape data-mesh-common translates into a contract.
 *
 * @throws SchemaSyntaxError for a text that does not parse
 * @public
 */
export function protobufMessageShape(text: string): ProtoMessageShape {
  const { message, proto2 } = parseProtobuf(text);
  return messageShape(message, proto2, new Set());
}

/**
 * A registry schema text as data-mesh-common's ODCS export takes it:
 * Avro and JSON Schema as they are, Protobuf parsed.
 *
 * @public
 */
export function registrySchemaOf(
  format: OutputFormat,
  text: string,
): RegistrySchema {
  return format === 'protobuf'
    ? { format, message: protobufMessageShape(text) }
    : { format, text };
}
