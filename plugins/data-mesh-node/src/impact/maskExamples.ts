/** What a masked value reads. */
export const MASKED = '••••';

const comparable = (name: string) => name.toLowerCase().replace(/_/g, '');

function maskAt(node: unknown, parts: string[]): unknown {
  if (Array.isArray(node)) return node.map(item => maskAt(item, parts));
  if (!node || typeof node !== 'object') return node;
  const [head, ...rest] = parts;
  const copy: Record<string, unknown> = { ...(node as object) };
  for (const key of Object.keys(copy)) {
    if (comparable(key) !== head) continue;
    if (!rest.length) {
      if (copy[key] !== null && copy[key] !== undefined) copy[key] = MASKED;
    } else {
      copy[key] = maskAt(copy[key], rest);
    }
  }
  return copy;
}

/**
 * An example value with the descriptor's `piiFields` masked (dotted paths,
 * through arrays, either spelling of a name, as the portal's samples mask
 * them). A scalar example is the value of the rule's property: masked when
 * that property is personal.
 *
 * @public
 */
export function maskExample(
  value: unknown,
  piiFields: readonly string[] = [],
  property?: string,
): unknown {
  const paths = piiFields
    .map(p => p.split('.').filter(Boolean).map(comparable))
    .filter(p => p.length);
  if (value === null || typeof value !== 'object') {
    if (value === null || value === undefined || !property) return value;
    const prop = property.split('.').map(comparable);
    const personal = paths.some(
      p => p.length <= prop.length && p.every((seg, i) => seg === prop[i]),
    );
    return personal ? MASKED : value;
  }
  return paths.reduce<unknown>((masked, parts) => maskAt(masked, parts), value);
}
