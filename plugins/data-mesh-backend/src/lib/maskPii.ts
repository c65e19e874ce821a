/** What a masked value reads. */
export const MASK = '••••';

/**
 * A field name as masking compares it: without case and underscores. A
 * path is written as the schema spells it, but decoders rename fields:
 * protobufjs turns the .proto field `customer_email` into `customerEmail`.
 * Comparing loosely masks both spellings (and, at worst, a look-alike
 * field too, which errs on the side of hiding).
 */
export const comparableName = (name: string) =>
  name.toLowerCase().replace(/_/g, '');

/** A dotted path with every segment made comparable. */
export const comparablePath = (path: string) =>
  path.split('.').filter(Boolean).map(comparableName).join('.');

/**
 * Replaces the values at the given dotted paths with {@link MASK}. A path
 * goes into nested objects and through arrays (`items.email` masks the email
 * of every item); segments match field names in either spelling (see
 * {@link comparableName}); a path that is not in the value is skipped.
 * Returns a masked copy and the paths that were masked; the input is left
 * untouched.
 */
export function maskPii(
  value: unknown,
  paths: readonly string[],
): { value: unknown; masked: string[] } {
  const masked = new Set<string>();
  let result = value;
  for (const path of paths) {
    const parts = path.split('.').filter(Boolean).map(comparableName);
    if (parts.length === 0) continue;
    const [next, hit] = maskAt(result, parts);
    if (hit) {
      result = next;
      masked.add(path);
    }
  }
  return { value: result, masked: [...masked] };
}

/**
 * Returns the masked copy of `node` and whether anything was masked;
 * `parts` are comparable names.
 */
function maskAt(node: unknown, parts: string[]): [unknown, boolean] {
  if (Array.isArray(node)) {
    let hit = false;
    const copy = node.map(item => {
      const [next, itemHit] = maskAt(item, parts);
      hit ||= itemHit;
      return next;
    });
    return hit ? [copy, true] : [node, false];
  }
  if (!node || typeof node !== 'object') return [node, false];
  const record = node as Record<string, unknown>;
  const [head, ...rest] = parts;
  let copy = record;
  // Every spelling present is masked: a JSON record may carry both.
  for (const key of Object.keys(record)) {
    if (comparableName(key) !== head) continue;
    if (rest.length === 0) {
      // A null (absent) value discloses nothing; leave it visible.
      if (record[key] === null || record[key] === undefined) continue;
      copy = { ...copy, [key]: MASK };
      continue;
    }
    const [child, hit] = maskAt(record[key], rest);
    if (hit) copy = { ...copy, [key]: child };
  }
  return copy === record ? [node, false] : [copy, true];
}
