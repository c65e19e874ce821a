import { FlatField, hasPiiTag, joinPath } from './types';

type Node = { [key: string]: any };

interface Described {
  type: string;
  nullable: boolean;
  /** An object schema whose properties go below this field. */
  object?: Node;
}

/** Resolves local `$ref`s (`#/definitions/X`, `#/$defs/X`, any JSON pointer). */
function deref(node: Node, root: Node, seen = new Set<string>()): Node {
  const ref = node?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || seen.has(ref)) {
    return node;
  }
  seen.add(ref);
  let target: any = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return target && typeof target === 'object'
    ? deref(target, root, seen)
    : node;
}

function describe(raw: Node, root: Node): Described {
  const node = deref(raw, root);
  if (!node || typeof node !== 'object') return { type: 'any', nullable: true };
  const alternatives: Node[] | undefined = node.oneOf ?? node.anyOf;
  if (Array.isArray(alternatives) && !node.type) {
    const members = alternatives
      .map(a => deref(a, root))
      .filter(a => a.type !== 'null');
    const nullable = members.length < alternatives.length;
    if (members.length === 1) {
      return { ...describe(members[0], root), nullable };
    }
    const types = members.map(m => describe(m, root).type);
    return { type: `union<${types.join('|')}>`, nullable };
  }
  let types: string[] = [];
  if (Array.isArray(node.type)) types = node.type;
  else if (node.type) types = [node.type];
  else if (node.properties) types = ['object'];
  const members = types.filter(t => t !== 'null');
  const nullable = members.length < types.length;
  if (Array.isArray(node.enum)) {
    const symbols = node.enum.filter((v: unknown) => v !== null);
    return {
      type: `enum(${symbols.map(String).join('|')})`,
      nullable: nullable || symbols.length < node.enum.length,
    };
  }
  if (members.length !== 1) {
    return {
      type: members.length ? `union<${members.join('|')}>` : 'any',
      nullable,
    };
  }
  const [type] = members;
  if (type === 'object') {
    return { type: 'object', nullable, object: node };
  }
  if (type === 'array') {
    const items = node.items ? describe(node.items, root) : undefined;
    return {
      type: `array<${items?.type ?? 'any'}>`,
      nullable,
      object: items?.object,
    };
  }
  return {
    type: typeof node.format === 'string' ? `${type} (${node.format})` : type,
    nullable,
  };
}

function flattenObject(
  object: Node,
  root: Node,
  prefix: string,
  stack: Set<Node>,
  out: FlatField[],
) {
  if (stack.has(object)) return; // a recursive definition: list it once
  stack.add(object);
  const required = new Set<string>(
    Array.isArray(object.required) ? object.required : [],
  );
  for (const [name, raw] of Object.entries<Node>(object.properties ?? {})) {
    const path = joinPath(prefix, name);
    const property = deref(raw, root);
    const described = describe(property, root);
    out.push({
      path,
      type: described.type,
      // Only `required` properties are always there (and then only null
      // when the type allows it).
      nullable: described.nullable || !required.has(name),
      ...(typeof property.description === 'string' && {
        doc: property.description,
      }),
      ...('default' in property && {
        default: JSON.stringify(property.default),
      }),
      ...((hasPiiTag(property) || hasPiiTag(raw)) && { taggedPii: true }),
    });
    if (described.object) {
      flattenObject(described.object, root, path, stack, out);
    }
  }
  stack.delete(object);
}

/**
 * Flattens a JSON Schema's properties to dotted paths: nested objects (also
 * array items) go below their property, a property is nullable unless it is
 * required and its type excludes null, `format` reads e.g. `string (date-time)`.
 */
export function flattenJsonSchema(schemaText: string): FlatField[] {
  const root = JSON.parse(schemaText) as Node;
  const described = describe(root, root);
  if (!described.object) return [];
  const out: FlatField[] = [];
  flattenObject(described.object, root, '', new Set(), out);
  return out;
}
