import {
  translateRegistrySchema,
  type OdcsSchemaProperty,
  type OutputFormat,
  type SchemaField,
} from '@kafka-mesh/plugin-data-mesh-common';
import { registrySchemaOf } from '@kafka-mesh/plugin-data-mesh-node';

/**
 * A field as the index keeps it: its dotted path and its doc.
 *
 * @public
 */
export type IndexedField = Pick<SchemaField, 'path' | 'doc'>;

/**
 * At most this many fields of one schema are indexed, and each doc is cut
 * to {@link MAX_DOC_LENGTH} characters: a search document stays small
 * (Postgres refuses a tsvector over 1 MB) whatever a schema holds.
 */
export const MAX_FIELDS = 500;
export const MAX_DOC_LENGTH = 300;

type Item = Omit<OdcsSchemaProperty, 'name'>;

/** The nested properties of a record, or of the records in an array. */
function childrenOf(item: Item): OdcsSchemaProperty[] {
  if (item.properties) return item.properties;
  return item.items ? childrenOf(item.items) : [];
}

const shortDoc = (doc: string) =>
  doc.length > MAX_DOC_LENGTH ? `${doc.slice(0, MAX_DOC_LENGTH - 1)}…` : doc;

/**
 * The fields of a registered schema as dotted paths with their docs, in
 * schema order, parents before their children. The schema is read by the
 * suite's one translation of registry schemas (data-mesh-common's
 * `translateRegistrySchema`, which the ODCS export uses; Protobuf parsed by
 * data-mesh-node's `registrySchemaOf`), so search sees the fields the
 * exported contract lists: records nested in records, arrays and nullable
 * unions go below their field; map values and recursive types are not
 * descended into.
 *
 * @throws when the schema text does not parse
 */
export function schemaFieldsOf(
  format: OutputFormat,
  text: string,
): IndexedField[] {
  const { properties } = translateRegistrySchema(
    registrySchemaOf(format, text),
  );
  const fields: IndexedField[] = [];
  const visit = (children: OdcsSchemaProperty[], prefix: string) => {
    for (const property of children) {
      if (fields.length >= MAX_FIELDS) return;
      const path = prefix ? `${prefix}.${property.name}` : property.name;
      fields.push({
        path,
        ...(property.description && { doc: shortDoc(property.description) }),
      });
      visit(childrenOf(property), path);
    }
  };
  visit(properties, '');
  return fields;
}
