import type {
  OutputFormat,
  SchemaField,
} from '@kafka-mesh/plugin-data-mesh-common';
import { flattenAvro } from './flattenAvro';
import { flattenJsonSchema } from './flattenJsonSchema';
import { flattenProtobuf } from './flattenProtobuf';
import type { FlatField } from './types';

export { flattenAvro, flattenJsonSchema, flattenProtobuf };

const FLATTENERS: Record<OutputFormat, (text: string) => FlatField[]> = {
  avro: flattenAvro,
  json: flattenJsonSchema,
  protobuf: flattenProtobuf,
};

/**
 * The fields of a registered schema, flattened to dotted paths; `pii` when
 * the descriptor lists the path or the schema tags the field. A schema that
 * does not parse has no fields rather than failing the request.
 */
export function flattenSchema(
  format: OutputFormat,
  schemaText: string,
  piiFields: readonly string[] = [],
): SchemaField[] {
  let flat: FlatField[];
  try {
    flat = FLATTENERS[format](schemaText);
  } catch {
    return [];
  }
  const pii = new Set(piiFields);
  return flat.map(({ taggedPii, ...field }) => ({
    ...field,
    pii: !!taggedPii || pii.has(field.path),
  }));
}
