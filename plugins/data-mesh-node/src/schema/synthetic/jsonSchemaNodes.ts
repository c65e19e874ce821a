import type { JsonSchemaNode } from '../parse/parseJsonSchema';

// How the JSON Schema generator reads a schema, shared with its worst-case
// walk so that both see the same nodes.

export type Node = JsonSchemaNode | boolean;

export const isObject = (node: unknown): node is JsonSchemaNode =>
  !!node && typeof node === 'object' && !Array.isArray(node);

/** Follows local `$ref`s (a bounded number of hops), keeping siblings. */
export function deref(root: JsonSchemaNode, node: Node): Node {
  let current = node;
  for (let hops = 0; isObject(current) && current.$ref && hops < 32; hops++) {
    const ref = String(current.$ref);
    if (!ref.startsWith('#')) break;
    let target: any = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    // Sibling keywords of a $ref (2019-09+) still apply.
    const { $ref: _ref, ...siblings } = current;
    current = isObject(target) ? { ...target, ...siblings } : target;
  }
  return current;
}

/** Combines allOf members (or a branch with its parent) shallowly. */
export function merge(root: JsonSchemaNode, nodes: Node[]): JsonSchemaNode {
  const merged: JsonSchemaNode = {};
  for (const raw of nodes) {
    const node = deref(root, raw);
    if (!isObject(node)) continue;
    Object.assign(merged, node, {
      properties: { ...merged.properties, ...node.properties },
      required: [...(merged.required ?? []), ...(node.required ?? [])],
    });
  }
  return merged;
}

/** The types a node admits, `null` included; a string when it says none. */
export function typesOf(node: JsonSchemaNode): string[] {
  if (Array.isArray(node.type)) return node.type;
  if (typeof node.type === 'string') return [node.type];
  if (node.properties) return ['object'];
  if (node.items || node.prefixItems) return ['array'];
  return ['string'];
}

/** The branches of a `oneOf`/`anyOf` that are not just `null`. */
export function nonNullBranches(
  root: JsonSchemaNode,
  branches: Node[],
): Node[] {
  return branches.filter(b => {
    const branch = deref(root, b);
    return !isObject(branch) || branch.type !== 'null';
  });
}

/** A JSON type that is not a container. */
export const isLeafType = (type: string) =>
  type !== 'object' && type !== 'array';

/** Whether a node gives a scalar: no object, array or combinator in it. */
export function isLeaf(root: JsonSchemaNode, raw: Node): boolean {
  const node = deref(root, raw);
  if (!isObject(node) || 'const' in node || Array.isArray(node.enum)) {
    return true;
  }
  if (node.allOf || node.oneOf || node.anyOf) return false;
  return typesOf(node).every(isLeafType);
}

/**
 * An array's shape as the generator makes it: the tuple positions, the
 * schema of the items after them, and how many items it draws (fewer
 * once the records nest deep).
 */
export function arrayShape(
  node: JsonSchemaNode,
  deep: boolean,
): { tuple?: Node[]; rest?: Node; min: number; max: number } {
  // Tuples: `prefixItems` (2020-12) or an `items` array (draft-07); the
  // items after them follow `items` or `additionalItems`.
  const tuple: Node[] | undefined =
    node.prefixItems ?? (Array.isArray(node.items) ? node.items : undefined);
  let rest: Node | undefined = node.items;
  if (!node.prefixItems && tuple) rest = node.additionalItems;
  const min = Math.max(node.minItems ?? 0, tuple?.length ?? 0);
  const max =
    tuple && rest === false
      ? tuple.length
      : Math.max(min, Math.min(node.maxItems ?? min + 3, min + 3));
  return {
    tuple,
    rest,
    min: deep ? min : Math.max(min, Math.min(1, max)),
    max: deep ? min : max,
  };
}
