import type {
  SchemaField,
  SchemaFieldChange,
} from '@kafka-mesh/plugin-data-mesh-common';

const describeType = (field: SchemaField) =>
  field.nullable ? `${field.type} (nullable)` : field.type;

/**
 * What changed between two flattened schemas, by field path: fields added
 * and removed, a changed type (nullability counts as part of the type) and a
 * changed default. Changes are in the order of `b`'s fields, then removals
 * in the order of `a`'s.
 */
export function diffFields(
  a: readonly SchemaField[],
  b: readonly SchemaField[],
): SchemaFieldChange[] {
  const before = new Map(a.map(f => [f.path, f]));
  const after = new Map(b.map(f => [f.path, f]));
  const changes: SchemaFieldChange[] = [];
  for (const field of b) {
    const old = before.get(field.path);
    if (!old) {
      changes.push({
        path: field.path,
        change: 'added',
        after: describeType(field),
      });
      continue;
    }
    if (describeType(old) !== describeType(field)) {
      changes.push({
        path: field.path,
        change: 'type-changed',
        before: describeType(old),
        after: describeType(field),
      });
    }
    if (old.default !== field.default) {
      changes.push({
        path: field.path,
        change: 'default-changed',
        ...(old.default !== undefined && { before: old.default }),
        ...(field.default !== undefined && { after: field.default }),
      });
    }
  }
  for (const field of a) {
    if (!after.has(field.path)) {
      changes.push({
        path: field.path,
        change: 'removed',
        before: describeType(field),
      });
    }
  }
  return changes;
}
