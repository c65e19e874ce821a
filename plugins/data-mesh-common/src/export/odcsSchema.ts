import type { OdpsCustomProperty } from './shared';

/**
 * One property of an ODCS v3.1 schema object (the part this plugin writes).
 *
 * @public
 */
export interface OdcsSchemaProperty {
  name: string;
  logicalType?: OdcsLogicalType;
  logicalTypeOptions?: Record<string, unknown>;
  physicalType?: string;
  description?: string;
  required?: boolean;
  tags?: string[];
  properties?: OdcsSchemaProperty[];
  items?: Omit<OdcsSchemaProperty, 'name'>;
  quality?: OdcsQualityCheck[];
  customProperties?: OdpsCustomProperty[];
}

/** @public */
export type OdcsLogicalType =
  | 'string'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'number'
  | 'integer'
  | 'object'
  | 'array'
  | 'boolean';

/**
 * One ODCS v3.1 data quality check, as {@link toOdcs} writes it.
 *
 * @public
 */
export type OdcsQualityCheck = {
  id?: string;
  name?: string;
  description?: string;
  type?: 'library' | 'text' | 'sql' | 'custom';
  dimension?: string;
  metric?: string;
  arguments?: Record<string, unknown>;
  unit?: string;
  severity?: string;
  customProperties?: OdpsCustomProperty[];
} & Partial<Record<string, unknown>>;

/**
 * One message of a parsed .proto file, reduced to what a contract shows.
 * data-mesh-node's `protobufMessageShape` builds it with protobufjs.
 *
 * @public
 */
export interface ProtoMessageShape {
  /** Full name, e.g. `com.example.OrderPlaced`. */
  name: string;
  comment?: string;
  fields: ProtoFieldShape[];
}

/** @public */
export interface ProtoFieldShape {
  name: string;
  /** Scalar type name, or the full name of a message or enum. */
  type: string;
  comment?: string;
  repeated?: boolean;
  /** proto2 `required`. */
  required?: boolean;
  /** proto3 `optional` or proto2 `optional`: may be absent. */
  optional?: boolean;
  /** For a map field, its key type (`type` is the value type). */
  keyType?: string;
  /** The resolved message, for a message field (absent for a recursive one). */
  message?: ProtoMessageShape;
  /** The values of an enum field. */
  enumValues?: string[];
}

/**
 * A product's value schema as the registry holds it: Avro and JSON Schema
 * as text (pure JSON), Protobuf already parsed (data-mesh-node's
 * `registrySchemaOf` does that), so that this package needs no parser.
 *
 * @public
 */
export type RegistrySchema =
  | { format: 'avro' | 'json'; text: string }
  | { format: 'protobuf'; message: ProtoMessageShape };

/**
 * The top-level record/object/message of a schema: its name, doc and
 * properties.
 *
 * @public
 */
export interface TranslatedSchema {
  name?: string;
  description?: string;
  physicalType: string;
  properties: OdcsSchemaProperty[];
}

type Json = any;
type Item = Omit<OdcsSchemaProperty, 'name'>;

const enumProperty = (values: unknown[]): OdpsCustomProperty => ({
  property: 'enumValues',
  value: values,
});

function withName(name: string, item: Item): OdcsSchemaProperty {
  return { name, ...item };
}

// ---------------------------------------------------------------- Avro

const AVRO_PRIMITIVES: Record<string, Item> = {
  string: { logicalType: 'string' },
  boolean: { logicalType: 'boolean' },
  int: { logicalType: 'integer', logicalTypeOptions: { format: 'i32' } },
  long: { logicalType: 'integer', logicalTypeOptions: { format: 'i64' } },
  float: { logicalType: 'number', logicalTypeOptions: { format: 'f32' } },
  double: { logicalType: 'number', logicalTypeOptions: { format: 'f64' } },
  bytes: { logicalType: 'string' },
};

const AVRO_LOGICAL: Record<string, Item> = {
  'timestamp-millis': { logicalType: 'timestamp' },
  'timestamp-micros': { logicalType: 'timestamp' },
  'timestamp-nanos': { logicalType: 'timestamp' },
  'local-timestamp-millis': { logicalType: 'timestamp' },
  'local-timestamp-micros': { logicalType: 'timestamp' },
  'local-timestamp-nanos': { logicalType: 'timestamp' },
  date: { logicalType: 'date' },
  'time-millis': { logicalType: 'time' },
  'time-micros': { logicalType: 'time' },
  decimal: { logicalType: 'number' },
  uuid: { logicalType: 'string', logicalTypeOptions: { format: 'uuid' } },
};

interface AvroContext {
  named: Map<string, Json>;
  stack: Set<string>;
}

const fullName = (name: string, namespace?: string) =>
  name.includes('.') || !namespace ? name : `${namespace}.${name}`;

function namespaceOf(node: Json, outer?: string): string | undefined {
  if (typeof node.name === 'string' && node.name.includes('.')) {
    return node.name.slice(0, node.name.lastIndexOf('.'));
  }
  return node.namespace ?? outer;
}

function collectAvroNamed(
  node: Json,
  ns: string | undefined,
  ctx: AvroContext,
) {
  if (Array.isArray(node)) {
    node.forEach(n => collectAvroNamed(n, ns, ctx));
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (typeof node.type === 'object') {
    collectAvroNamed(node.type, ns, ctx);
    return;
  }
  const own = namespaceOf(node, ns);
  if (['record', 'error', 'enum', 'fixed'].includes(node.type) && node.name) {
    ctx.named.set(fullName(node.name, own), node);
    for (const field of node.fields ?? []) {
      collectAvroNamed(field.type, own, ctx);
    }
  }
  if (node.type === 'array') collectAvroNamed(node.items, own, ctx);
  if (node.type === 'map') collectAvroNamed(node.values, own, ctx);
}

function avroItem(raw: Json, ns: string | undefined, ctx: AvroContext): Item {
  let node = raw;
  if (typeof node === 'string' && !(node in AVRO_PRIMITIVES)) {
    node = ctx.named.get(fullName(node, ns)) ?? ctx.named.get(node) ?? node;
  }
  if (Array.isArray(node)) {
    const members = node.filter(m => m !== 'null');
    const nullable = members.length < node.length;
    if (members.length === 1) {
      return { ...avroItem(members[0], ns, ctx), required: !nullable };
    }
    const types = members.map(m => avroItem(m, ns, ctx).physicalType);
    return { physicalType: `union<${types.join('|')}>`, required: !nullable };
  }
  if (typeof node === 'string') {
    return { ...AVRO_PRIMITIVES[node], physicalType: node };
  }
  if (typeof node.type === 'object') return avroItem(node.type, ns, ctx);
  const own = namespaceOf(node, ns);
  let item: Item;
  switch (node.type) {
    case 'record':
    case 'error': {
      const name = fullName(node.name ?? '', own);
      item = { logicalType: 'object', physicalType: 'record' };
      if (!ctx.stack.has(name)) {
        ctx.stack.add(name);
        item.properties = avroFields(node, own, ctx);
        ctx.stack.delete(name);
      }
      break;
    }
    case 'enum':
      item = {
        logicalType: 'string',
        physicalType: 'enum',
        customProperties: [enumProperty(node.symbols ?? [])],
      };
      break;
    case 'array': {
      const items = avroItem(node.items, own, ctx);
      delete items.required;
      item = { logicalType: 'array', physicalType: 'array', items };
      break;
    }
    case 'map':
      item = {
        logicalType: 'object',
        physicalType: `map<${avroItem(node.values, own, ctx).physicalType}>`,
      };
      break;
    case 'fixed':
      item = { logicalType: 'string', physicalType: `fixed(${node.size})` };
      break;
    default:
      item = { ...AVRO_PRIMITIVES[node.type], physicalType: String(node.type) };
  }
  if (typeof node.logicalType === 'string') {
    const detail =
      node.logicalType === 'decimal' && node.precision !== undefined
        ? `decimal(${node.precision},${node.scale ?? 0})`
        : node.logicalType;
    const { logicalTypeOptions: _, ...base } = item;
    item = {
      ...(AVRO_LOGICAL[node.logicalType] ? base : item),
      ...AVRO_LOGICAL[node.logicalType],
      physicalType: `${item.physicalType} (${detail})`,
    };
  }
  return item;
}

function avroFields(
  record: Json,
  ns: string | undefined,
  ctx: AvroContext,
): OdcsSchemaProperty[] {
  return (record.fields ?? []).map((field: Json) => {
    const item = avroItem(field.type, ns, ctx);
    const property = withName(field.name, {
      ...item,
      required: item.required ?? true,
      ...(typeof field.doc === 'string' ? { description: field.doc } : {}),
    });
    if ('default' in field) {
      property.customProperties = [
        ...(property.customProperties ?? []),
        { property: 'default', value: field.default },
      ];
    }
    return orderKeys(property);
  });
}

/** Avro: records → objects, fields → properties; nullable unions are not required. */
export function translateAvro(text: string): TranslatedSchema {
  const root = JSON.parse(text);
  const ctx: AvroContext = { named: new Map(), stack: new Set() };
  collectAvroNamed(root, undefined, ctx);
  const record = typeof root === 'string' ? ctx.named.get(root) ?? root : root;
  const item = avroItem(record, undefined, ctx);
  return {
    ...(record?.name ? { name: String(record.name) } : {}),
    ...(typeof record?.doc === 'string' ? { description: record.doc } : {}),
    physicalType: item.physicalType ?? 'record',
    properties: item.properties ?? [],
  };
}

// ---------------------------------------------------------- JSON Schema

const JSON_FORMATS: Record<string, OdcsLogicalType> = {
  'date-time': 'timestamp',
  date: 'date',
  time: 'time',
};

interface JsonContext {
  root: Json;
  stack: Set<string>;
}

function resolveRef(ref: string, ctx: JsonContext): Json {
  if (!ref.startsWith('#')) return {};
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map(part =>
      decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~')),
    )
    .reduce((node: Json, part) => node?.[part], ctx.root);
}

/** The node without its null alternative, and whether it had one. */
function jsonNonNull(node: Json): { node: Json; nullable: boolean } {
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t: string) => t !== 'null');
    return {
      node: { ...node, type: types.length === 1 ? types[0] : types },
      nullable: types.length < node.type.length,
    };
  }
  for (const key of ['oneOf', 'anyOf']) {
    const options = node[key];
    if (Array.isArray(options)) {
      const rest = options.filter((o: Json) => o?.type !== 'null');
      if (rest.length === 1 && rest.length < options.length) {
        const { [key]: _, ...outer } = node;
        return { node: { ...outer, ...rest[0] }, nullable: true };
      }
    }
  }
  return { node, nullable: node.type === 'null' };
}

function jsonItem(raw: Json, ctx: JsonContext): Item & { nullable: boolean } {
  if (raw === true || raw === false || raw === undefined) {
    return { nullable: true };
  }
  let node = raw;
  let ref: string | undefined;
  if (typeof node.$ref === 'string') {
    ref = node.$ref;
    if (ctx.stack.has(ref!)) {
      return { logicalType: 'object', physicalType: 'object', nullable: false };
    }
    node = { ...resolveRef(ref!, ctx), ...node, $ref: undefined };
  }
  if (ref) ctx.stack.add(ref);
  try {
    const { node: plain, nullable } = jsonNonNull(node);
    let type: string | undefined;
    if (typeof plain.type === 'string') type = plain.type;
    else if (plain.properties) type = 'object';
    else if (plain.items) type = 'array';
    const item: Item = {};
    const options: Record<string, unknown> = {};
    switch (type) {
      case 'string': {
        item.logicalType = JSON_FORMATS[plain.format] ?? 'string';
        if (item.logicalType === 'string') {
          for (const key of ['minLength', 'maxLength', 'pattern', 'format']) {
            if (plain[key] !== undefined) options[key] = plain[key];
          }
        } else if (plain.format) {
          options.format = plain.format;
        }
        break;
      }
      case 'integer':
      case 'number':
        item.logicalType = type;
        for (const key of [
          'minimum',
          'maximum',
          'exclusiveMinimum',
          'exclusiveMaximum',
          'multipleOf',
        ]) {
          if (typeof plain[key] === 'number') options[key] = plain[key];
        }
        break;
      case 'boolean':
        item.logicalType = 'boolean';
        break;
      case 'object': {
        item.logicalType = 'object';
        const required: string[] = Array.isArray(plain.required)
          ? plain.required
          : [];
        item.properties = Object.entries(plain.properties ?? {}).map(
          ([name, child]) => {
            const { nullable: childNullable, ...rest } = jsonItem(child, ctx);
            return orderKeys(
              withName(name, {
                ...rest,
                required: required.includes(name) && !childNullable,
              }),
            );
          },
        );
        break;
      }
      case 'array': {
        item.logicalType = 'array';
        const {
          nullable: _,
          required: __,
          ...items
        } = jsonItem(
          Array.isArray(plain.items) ? plain.items[0] : plain.items,
          ctx,
        );
        item.items = items;
        for (const key of ['minItems', 'maxItems', 'uniqueItems']) {
          if (plain[key] !== undefined) options[key] = plain[key];
        }
        break;
      }
      default:
        if (Array.isArray(plain.enum)) item.logicalType = 'string';
    }
    if (type) item.physicalType = type;
    if (Object.keys(options).length) item.logicalTypeOptions = options;
    if (typeof plain.description === 'string') {
      item.description = plain.description;
    }
    const custom: OdpsCustomProperty[] = [];
    if (Array.isArray(plain.enum)) custom.push(enumProperty(plain.enum));
    if (plain.default !== undefined) {
      custom.push({ property: 'default', value: plain.default });
    }
    if (custom.length) item.customProperties = custom;
    return { ...item, nullable };
  } finally {
    if (ref) ctx.stack.delete(ref);
  }
}

/** JSON Schema: objects and their properties; `required` lists the required ones. */
export function translateJsonSchema(text: string): TranslatedSchema {
  const root = JSON.parse(text);
  const { nullable: _, ...item } = jsonItem(root, { root, stack: new Set() });
  return {
    ...(typeof root.title === 'string' ? { name: root.title } : {}),
    ...(item.description ? { description: item.description } : {}),
    physicalType: item.physicalType ?? 'object',
    properties: item.properties ?? [],
  };
}

// ------------------------------------------------------------- Protobuf

const PROTO_SCALARS: Record<string, Item> = {
  string: { logicalType: 'string' },
  bytes: { logicalType: 'string' },
  bool: { logicalType: 'boolean' },
  double: { logicalType: 'number', logicalTypeOptions: { format: 'f64' } },
  float: { logicalType: 'number', logicalTypeOptions: { format: 'f32' } },
  int32: { logicalType: 'integer', logicalTypeOptions: { format: 'i32' } },
  sint32: { logicalType: 'integer', logicalTypeOptions: { format: 'i32' } },
  sfixed32: { logicalType: 'integer', logicalTypeOptions: { format: 'i32' } },
  uint32: { logicalType: 'integer', logicalTypeOptions: { format: 'u32' } },
  fixed32: { logicalType: 'integer', logicalTypeOptions: { format: 'u32' } },
  int64: { logicalType: 'integer', logicalTypeOptions: { format: 'i64' } },
  sint64: { logicalType: 'integer', logicalTypeOptions: { format: 'i64' } },
  sfixed64: { logicalType: 'integer', logicalTypeOptions: { format: 'i64' } },
  uint64: { logicalType: 'integer', logicalTypeOptions: { format: 'u64' } },
  fixed64: { logicalType: 'integer', logicalTypeOptions: { format: 'u64' } },
};

const PROTO_WELL_KNOWN: Record<string, Item> = {
  'google.protobuf.Timestamp': { logicalType: 'timestamp' },
  'google.protobuf.Duration': { logicalType: 'string' },
  'google.protobuf.StringValue': { logicalType: 'string' },
  'google.protobuf.BoolValue': { logicalType: 'boolean' },
  'google.protobuf.Int32Value': { logicalType: 'integer' },
  'google.protobuf.Int64Value': { logicalType: 'integer' },
  'google.protobuf.DoubleValue': { logicalType: 'number' },
  'google.protobuf.FloatValue': { logicalType: 'number' },
};

function protoValue(field: ProtoFieldShape): Item {
  const type = field.type.replace(/^\./, '');
  if (PROTO_SCALARS[type])
    return { ...PROTO_SCALARS[type], physicalType: type };
  if (PROTO_WELL_KNOWN[type]) {
    return { ...PROTO_WELL_KNOWN[type], physicalType: type };
  }
  if (field.enumValues) {
    return {
      logicalType: 'string',
      physicalType: `enum ${type}`,
      customProperties: [enumProperty(field.enumValues)],
    };
  }
  return {
    logicalType: 'object',
    physicalType: `message ${type}`,
    ...(field.message ? { properties: protoFields(field.message) } : {}),
  };
}

function protoFields(message: ProtoMessageShape): OdcsSchemaProperty[] {
  return message.fields.map(field => {
    let item: Item;
    if (field.keyType) {
      item = {
        logicalType: 'object',
        physicalType: `map<${field.keyType},${field.type.replace(/^\./, '')}>`,
      };
    } else if (field.repeated) {
      item = {
        logicalType: 'array',
        physicalType: `repeated ${field.type.replace(/^\./, '')}`,
        items: protoValue(field),
      };
    } else {
      item = protoValue(field);
    }
    return orderKeys(
      withName(field.name, {
        ...item,
        ...(field.comment ? { description: field.comment } : {}),
        ...(field.required ? { required: true } : {}),
        ...(field.optional ? { required: false } : {}),
      }),
    );
  });
}

/** Protobuf: the message's fields → properties; only proto2 `required` is required. */
export function translateProtobuf(
  message: ProtoMessageShape,
): TranslatedSchema {
  return {
    name: message.name.split('.').pop()!,
    ...(message.comment ? { description: message.comment } : {}),
    physicalType: 'message',
    properties: protoFields(message),
  };
}

// ------------------------------------------------------------------ all

const KEY_ORDER = [
  'name',
  'logicalType',
  'logicalTypeOptions',
  'physicalType',
  'description',
  'required',
  'tags',
  'properties',
  'items',
  'quality',
  'customProperties',
];

/** A stable key order, so that documents read (and diff) alike. */
export function orderKeys<T extends object>(value: T): T {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(
    ([a], [b]) =>
      (KEY_ORDER.indexOf(a) + 1 || 99) - (KEY_ORDER.indexOf(b) + 1 || 99),
  );
  return Object.fromEntries(entries) as T;
}

/**
 * A registry schema as the ODCS v3.1 schema object's name, description and
 * properties.
 *
 * @public
 */
export function translateRegistrySchema(
  schema: RegistrySchema,
): TranslatedSchema {
  switch (schema.format) {
    case 'avro':
      return translateAvro(schema.text);
    case 'json':
      return translateJsonSchema(schema.text);
    case 'protobuf':
      return translateProtobuf(schema.message);
    default:
      throw new TypeError(
        `unknown schema format '${(schema as { format: string }).format}'`,
      );
  }
}
