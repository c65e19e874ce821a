import * as avro from 'avsc';
import { SchemaSyntaxError } from '../SchemaSyntaxError';
import { parseJsonText } from './parseJsonText';

type AvroRecordSchema = { type: string; fields?: unknown };

function isRecord(node: unknown): node is AvroRecordSchema & object {
  const type = (node as AvroRecordSchema | null)?.type;
  return (
    typeof node === 'object' &&
    node !== null &&
    !Array.isArray(node) &&
    (type === 'record' || type === 'error') &&
    Array.isArray((node as AvroRecordSchema).fields)
  );
}

/** Records declared inline in a field's type: in unions, arrays and maps. */
function inlineRecords(node: unknown): AvroRecordSchema[] {
  if (Array.isArray(node)) return node.flatMap(inlineRecords);
  if (!node || typeof node !== 'object') return [];
  if (isRecord(node)) return [node];
  const { type, items, values } = node as Record<string, unknown>;
  if (type === 'array') return inlineRecords(items);
  if (type === 'map') return inlineRecords(values);
  return typeof type === 'object' ? inlineRecords(type) : [];
}

const fails = (schema: unknown) => {
  try {
    avro.Type.forSchema(schema as avro.Schema);
    return false;
  } catch {
    return true;
  }
};

/**
 * The dotted path of the field that makes avsc reject a schema. avsc's
 * messages ("undefined type name: lng") do not say where; this finds the
 * shortest prefix of each record's fields that still fails, then looks
 * inside that field's inline records. Types are declared before they are
 * used, so cutting later fields never introduces an error of its own.
 */
export function locateAvroError(schema: unknown): string | undefined {
  const root = structuredClone(schema);
  const path: string[] = [];
  let record: AvroRecordSchema | undefined = isRecord(root) ? root : undefined;
  const without = (target: AvroRecordSchema, fields: unknown[]) => {
    const saved = target.fields;
    target.fields = fields;
    const failing = fails(root);
    target.fields = saved;
    return failing;
  };
  // A record that fails without any field is wrong in itself (its name…).
  if (!record || without(record, [])) return undefined;
  while (record) {
    const current: AvroRecordSchema = record;
    const fields = current.fields as unknown[];
    const index = fields.findIndex((_, i) =>
      without(current, fields.slice(0, i + 1)),
    );
    if (index < 0) break;
    current.fields = fields.slice(0, index + 1);
    const field = fields[index] as { name?: unknown; type?: unknown };
    path.push(typeof field?.name === 'string' ? field.name : `#${index + 1}`);
    record = inlineRecords(field?.type).find(nested => !without(nested, []));
  }
  return path.length ? path.join('.') : undefined;
}

/**
 * An Avro schema as an avsc type. Syntax errors name the line and column,
 * schema errors the offending field.
 *
 * @throws SchemaSyntaxError
 */
export function parseAvro(
  text: string,
  options?: Partial<avro.ForSchemaOptions>,
): avro.Type {
  const schema = parseJsonText('avro', text);
  try {
    return avro.Type.forSchema(schema as avro.Schema, options);
  } catch (error) {
    throw new SchemaSyntaxError('avro', (error as Error).message, {
      path: locateAvroError(schema),
    });
  }
}
