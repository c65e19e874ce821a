import type { Faker } from '@faker-js/faker';
import { childPath } from '../fieldPath';
import { JsonSchemaNode, parseJsonSchema } from '../parse/parseJsonSchema';
import { toFakerPattern } from './fakerPattern';
import { recentDate, SyntheticContext } from './syntheticFaker';
import { personalDate, textFor } from './syntheticText';

type Node = JsonSchemaNode | boolean;

/** Beyond this many nested objects, optional parts are left out. */
const MAX_DEPTH = 5;

const FORMATS: Record<string, (faker: Faker, date: Date) => string> = {
  email: f => f.internet.email(),
  'idn-email': f => f.internet.email(),
  'date-time': (_, date) => date.toISOString(),
  date: (_, date) => date.toISOString().slice(0, 10),
  time: (_, date) => `${date.toISOString().slice(11, 19)}Z`,
  uuid: f => f.string.uuid(),
  uri: f => f.internet.url(),
  'uri-reference': f => f.internet.url(),
  iri: f => f.internet.url(),
  url: f => f.internet.url(),
  hostname: f => f.internet.domainName(),
  'idn-hostname': f => f.internet.domainName(),
  ipv4: f => f.internet.ipv4(),
  ipv6: f => f.internet.ipv6(),
  duration: f => `PT${f.number.int({ min: 1, max: 59 })}M`,
};

const isObject = (node: unknown): node is JsonSchemaNode =>
  !!node && typeof node === 'object' && !Array.isArray(node);

class JsonSchemaGenerator {
  constructor(
    private readonly ctx: SyntheticContext,
    private readonly root: JsonSchemaNode,
  ) {}

  private get faker() {
    return this.ctx.faker;
  }

  private deref(node: Node): Node {
    let current = node;
    for (let hops = 0; isObject(current) && current.$ref && hops < 32; hops++) {
      const ref = String(current.$ref);
      if (!ref.startsWith('#')) break;
      let target: any = this.root;
      for (const part of ref.slice(1).split('/').filter(Boolean)) {
        target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      // Sibling keywords of a $ref (2019-09+) still apply.
      const { $ref: _ref, ...siblings } = current;
      current = isObject(target) ? { ...target, ...siblings } : target;
    }
    return current;
  }

  value(raw: Node, path: string, name: string, depth: number): unknown {
    const node = this.deref(raw);
    if (node === false) {
      throw new Error(`${path || 'the record'} admits no value`);
    }
    if (!isObject(node)) return this.faker.lorem.word();
    const f = this.faker;
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum)) return f.helpers.arrayElement(node.enum);
    if (Array.isArray(node.allOf)) {
      const { allOf, ...rest } = node;
      return this.value(this.merge([rest, ...allOf]), path, name, depth);
    }
    const branches: Node[] | undefined = node.oneOf ?? node.anyOf;
    if (Array.isArray(branches)) {
      const { oneOf: _o, anyOf: _a, ...rest } = node;
      const nonNull = branches.filter(b => {
        const branch = this.deref(b);
        return !isObject(branch) || branch.type !== 'null';
      });
      if (nonNull.length < branches.length && this.skipNullable(depth)) {
        return null;
      }
      const branch = f.helpers.arrayElement(
        nonNull.length ? nonNull : branches,
      );
      return this.value(this.merge([rest, branch]), path, name, depth);
    }
    const type = this.pickType(node, depth);
    switch (type) {
      case 'null':
        return null;
      case 'object':
        return this.object(node, path, depth + 1);
      case 'array':
        return this.array(node, path, name, depth);
      case 'integer':
        return this.number(node, true);
      case 'number':
        return this.number(node, false);
      case 'boolean':
        return f.datatype.boolean();
      default:
        return this.string(node, path, name);
    }
  }

  /** Combines allOf members (or a branch with its parent) shallowly. */
  private merge(nodes: Node[]): JsonSchemaNode {
    const merged: JsonSchemaNode = {};
    for (const raw of nodes) {
      const node = this.deref(raw);
      if (!isObject(node)) continue;
      Object.assign(merged, node, {
        properties: { ...merged.properties, ...node.properties },
        required: [...(merged.required ?? []), ...(node.required ?? [])],
      });
    }
    return merged;
  }

  private skipNullable(depth: number) {
    return (
      depth >= MAX_DEPTH || this.faker.datatype.boolean({ probability: 0.2 })
    );
  }

  private pickType(node: JsonSchemaNode, depth: number): string {
    let types: string[];
    if (Array.isArray(node.type)) types = node.type;
    else if (typeof node.type === 'string') types = [node.type];
    else if (node.properties) types = ['object'];
    else if (node.items || node.prefixItems) types = ['array'];
    else types = ['string'];
    const nonNull = types.filter(t => t !== 'null');
    if (!nonNull.length) return 'null';
    if (nonNull.length < types.length && this.skipNullable(depth))
      return 'null';
    return this.faker.helpers.arrayElement(nonNull);
  }

  private object(node: JsonSchemaNode, path: string, depth: number) {
    const required = new Set<string>(node.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries<Node>(node.properties ?? {})) {
      const optional = !required.has(name);
      if (
        optional &&
        (depth >= MAX_DEPTH ||
          this.faker.datatype.boolean({ probability: 0.3 }))
      ) {
        continue;
      }
      out[name] = this.value(schema, childPath(path, name), name, depth);
    }
    return out;
  }

  private array(
    node: JsonSchemaNode,
    path: string,
    name: string,
    depth: number,
  ) {
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
    const length = this.faker.number.int({
      min: depth >= MAX_DEPTH ? min : Math.max(min, Math.min(1, max)),
      max: depth >= MAX_DEPTH ? min : max,
    });
    const items: unknown[] = [];
    const seen = new Set<string>();
    for (let tries = 0; items.length < length && tries < length * 10; tries++) {
      const schema = tuple?.[items.length] ?? rest ?? {};
      const item = this.value(schema, path, name, depth);
      const key = JSON.stringify(item);
      if (node.uniqueItems && seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
    return items;
  }

  private number(node: JsonSchemaNode, integer: boolean): number {
    const f = this.faker;
    const exclusiveMin =
      typeof node.exclusiveMinimum === 'number'
        ? node.exclusiveMinimum
        : undefined;
    const exclusiveMax =
      typeof node.exclusiveMaximum === 'number'
        ? node.exclusiveMaximum
        : undefined;
    const step = integer ? 1 : 0.01;
    const min =
      node.minimum ?? (exclusiveMin !== undefined ? exclusiveMin + step : 0);
    const max =
      node.maximum ??
      (exclusiveMax !== undefined
        ? exclusiveMax - step
        : Math.max(min, 0) + 1000);
    if (typeof node.multipleOf === 'number' && node.multipleOf > 0) {
      const k = f.number.int({
        min: Math.ceil(min / node.multipleOf),
        max: Math.floor(max / node.multipleOf),
      });
      return Number((k * node.multipleOf).toPrecision(12));
    }
    return integer
      ? f.number.int({ min: Math.ceil(min), max: Math.floor(max) })
      : f.number.float({ min, max, fractionDigits: 2 });
  }

  private string(node: JsonSchemaNode, path: string, name: string): string {
    const f = this.faker;
    let text: string;
    const format = FORMATS[node.format];
    if (typeof node.pattern === 'string') {
      text = this.fromPattern(node.pattern) ?? textFor(this.ctx, path, name);
    } else if (format) {
      text = format(f, personalDate(this.ctx, name) ?? recentDate(f));
    } else {
      text = textFor(this.ctx, path, name);
    }
    if (typeof node.minLength === 'number' && text.length < node.minLength) {
      text += f.string.alpha(node.minLength - text.length);
    }
    if (typeof node.maxLength === 'number' && text.length > node.maxLength) {
      text = text.slice(0, node.maxLength);
    }
    return text;
  }

  private fromPattern(pattern: string): string | undefined {
    try {
      return this.faker.helpers.fromRegExp(toFakerPattern(pattern));
    } catch {
      return undefined;
    }
  }
}

/** Generates records for a JSON Schema. */
export function jsonSchemaRecordSource(text: string, ctx: SyntheticContext) {
  const { schema } = parseJsonSchema(text);
  const generator = new JsonSchemaGenerator(ctx, schema);
  return () => generator.value(schema, '', '', 0);
}
