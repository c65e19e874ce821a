import { FlatField, hasPiiTag, joinPath } from './types';

type AvroNode = string | AvroNode[] | { [key: string]: any };

const PRIMITIVES = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

interface Context {
  /** Named types (records, enums, fixed) by full name. */
  named: Map<string, { [key: string]: any }>;
  /** Records on the current path, to stop at recursive types. */
  stack: Set<string>;
}

const fullName = (name: string, namespace?: string) =>
  name.includes('.') || !namespace ? name : `${namespace}.${name}`;

/** Records every named type of the schema, so that references resolve. */
function collectNamed(
  node: AvroNode,
  namespace: string | undefined,
  named: Context['named'],
) {
  if (Array.isArray(node)) {
    node.forEach(n => collectNamed(n, namespace, named));
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (typeof node.type === 'object') {
    collectNamed(node.type, namespace, named);
    return;
  }
  const ns: string | undefined = node.namespace ?? namespace;
  if (['record', 'error', 'enum', 'fixed'].includes(node.type) && node.name) {
    const full = fullName(node.name, ns);
    named.set(full, node);
    const ownNs = full.includes('.')
      ? full.slice(0, full.lastIndexOf('.'))
      : undefined;
    for (const field of node.fields ?? []) {
      collectNamed(field.type, ownNs, named);
    }
  }
  if (node.type === 'array') collectNamed(node.items, ns, named);
  if (node.type === 'map') collectNamed(node.values, ns, named);
}

/** Resolves a reference to a named type, or returns the node itself. */
function resolve(
  node: AvroNode,
  namespace: string | undefined,
  ctx: Context,
): AvroNode {
  if (typeof node !== 'string' || PRIMITIVES.has(node)) return node;
  return (
    ctx.named.get(fullName(node, namespace)) ?? ctx.named.get(node) ?? node
  );
}

function namespaceOf(node: { [key: string]: any }, outer?: string) {
  if (typeof node.name === 'string' && node.name.includes('.')) {
    return node.name.slice(0, node.name.lastIndexOf('.'));
  }
  return node.namespace ?? outer;
}

interface Described {
  type: string;
  nullable: boolean;
  /** A record whose fields go below this one. */
  record?: { [key: string]: any };
  recordNamespace?: string;
}

function describe(
  raw: AvroNode,
  namespace: string | undefined,
  ctx: Context,
): Described {
  const node = resolve(raw, namespace, ctx);
  if (Array.isArray(node)) {
    const members = node.filter(m => m !== 'null');
    const nullable = members.length < node.length;
    if (members.length === 1) {
      return { ...describe(members[0], namespace, ctx), nullable };
    }
    const types = members.map(m => describe(m, namespace, ctx).type);
    return { type: `union<${types.join('|')}>`, nullable };
  }
  if (typeof node === 'string') {
    return { type: node, nullable: node === 'null' };
  }
  if (typeof node.type === 'object') {
    // `{"type": {"type": "array", …}}`: the nested form of a type.
    return describe(node.type, namespace, ctx);
  }
  const ns = namespaceOf(node, namespace);
  let type: string;
  let record: Described['record'];
  switch (node.type) {
    case 'record':
    case 'error':
      type = 'record';
      record = node;
      break;
    case 'enum':
      type = `enum(${(node.symbols ?? []).join('|')})`;
      break;
    case 'array': {
      const items = describe(node.items, ns, ctx);
      type = `array<${items.type}>`;
      record = items.record;
      break;
    }
    case 'map':
      type = `map<${describe(node.values, ns, ctx).type}>`;
      break;
    case 'fixed':
      type = `fixed(${node.size})`;
      break;
    default:
      type = String(node.type);
  }
  if (typeof node.logicalType === 'string') {
    const detail =
      node.logicalType === 'decimal' && node.precision !== undefined
        ? `decimal(${node.precision},${node.scale ?? 0})`
        : node.logicalType;
    type = `${type} (${detail})`;
  }
  return { type, nullable: node.type === 'null', record, recordNamespace: ns };
}

function flattenRecord(
  record: { [key: string]: any },
  namespace: string | undefined,
  prefix: string,
  ctx: Context,
  out: FlatField[],
) {
  const name = fullName(record.name ?? '', namespace);
  if (ctx.stack.has(name)) return; // a recursive type: list it once
  ctx.stack.add(name);
  for (const field of record.fields ?? []) {
    const path = joinPath(prefix, field.name);
    const described = describe(field.type, namespace, ctx);
    out.push({
      path,
      type: described.type,
      nullable: described.nullable,
      ...(field.doc !== undefined && { doc: String(field.doc) }),
      ...('default' in field && { default: JSON.stringify(field.default) }),
      ...(hasPiiTag(field) && { taggedPii: true }),
    });
    if (described.record) {
      flattenRecord(
        described.record,
        namespaceOf(described.record, described.recordNamespace),
        path,
        ctx,
        out,
      );
    }
  }
  ctx.stack.delete(name);
}

/**
 * Flattens an Avro schema's record fields to dotted paths: nested records
 * (also inside arrays and nullable unions) go below their field, unions with
 * null are nullable, logical types read e.g. `long (timestamp-millis)`.
 */
export function flattenAvro(schemaText: string): FlatField[] {
  const root = JSON.parse(schemaText) as AvroNode;
  const ctx: Context = { named: new Map(), stack: new Set() };
  collectNamed(root, undefined, ctx.named);
  const described = describe(root, undefined, ctx);
  if (!described.record) return [];
  const out: FlatField[] = [];
  flattenRecord(
    described.record,
    namespaceOf(described.record, described.recordNamespace),
    '',
    ctx,
    out,
  );
  return out;
}
