/** What a masked value reads. */
export const MASK = '••••';

/**
 * Replaces the values at the given dotted paths with {@link MASK}. A path
 * goes into nested objects and through arrays (`items.email` masks the email
 * of every item); a path that is not in the value is skipped. Returns a
 * masked copy and the paths that were masked; the input is left untouched.
 */
export function maskPii(
  value: unknown,
  paths: readonly string[],
): { value: unknown; masked: string[] } {
  const masked = new Set<string>();
  let result = value;
  for (const path of paths) {
    const parts = path.split('.').filter(Boolean);
    if (parts.length === 0) continue;
    const [next, hit] = maskAt(result, parts);
    if (hit) {
      result = next;
      masked.add(path);
    }
  }
  return { value: result, masked: [...masked] };
}

/** Returns the masked copy of `node` and whether anything was masked. */
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
  if (!Object.prototype.hasOwnProperty.call(record, head)) {
    return [node, false];
  }
  if (rest.length === 0) {
    // A null (absent) value discloses nothing; leave it visible.
    if (record[head] === null || record[head] === undefined) {
      return [node, false];
    }
    return [{ ...record, [head]: MASK }, true];
  }
  const [child, hit] = maskAt(record[head], rest);
  return hit ? [{ ...record, [head]: child }, true] : [node, false];
}
