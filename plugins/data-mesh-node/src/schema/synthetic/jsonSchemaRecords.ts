import type { Faker } from '@faker-js/faker';
import { childPath } from '../fieldPath';
import { JsonSchemaNode, parseJsonSchema } from '../parse/parseJsonSchema';
import { toFakerPattern } from './fakerPattern';
import {
  arrayShape,
  deref,
  isLeaf,
  isLeafType,
  isObject,
  merge,
  Node,
  nonNullBranches,
  typesOf,
} from './jsonSchemaNodes';
import { jsonSchemaWorstCase } from './jsonSchemaWorstCase';
import {
  branchesAt,
  OPTIONAL_DEPTH,
  recentDate,
  SyntheticContext,
} from './syntheticFaker';
import type { LimitCheck } from './syntheticLimits';
import { personalDate, textFor } from './syntheticText';

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

class JsonSchemaGenerator {
  constructor(
    private readonly ctx: SyntheticContext,
    private readonly root: JsonSchemaNode,
  ) {}

  private get faker() {
    return this.ctx.faker;
  }

  private deref(node: Node): Node {
    return deref(this.root, node);
  }

  private merge(nodes: Node[]): JsonSchemaNode {
    return merge(this.root, nodes);
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
      const nonNull = nonNullBranches(this.root, branches);
      if (nonNull.length < branches.length && this.skipNullable(depth)) {
        return null;
      }
      const branch = f.helpers.arrayElement(
        branchesAt(nonNull.length ? nonNull : branches, depth, b =>
          isLeaf(this.root, b),
        ),
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

  private skipNullable(depth: number) {
    return (
      depth >= OPTIONAL_DEPTH ||
      this.faker.datatype.boolean({ probability: 0.2 })
    );
  }

  private pickType(node: JsonSchemaNode, depth: number): string {
    const types = typesOf(node);
    const nonNull = types.filter(t => t !== 'null');
    if (!nonNull.length) return 'null';
    if (nonNull.length < types.length && this.skipNullable(depth))
      return 'null';
    return this.faker.helpers.arrayElement(
      branchesAt(nonNull, depth, isLeafType),
    );
  }

  private object(node: JsonSchemaNode, path: string, depth: number) {
    const required = new Set<string>(node.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries<Node>(node.properties ?? {})) {
      const optional = !required.has(name);
      if (
        optional &&
        (depth >= OPTIONAL_DEPTH ||
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
    const { tuple, rest, min, max } = arrayShape(node, depth >= OPTIONAL_DEPTH);
    const length = this.faker.number.int({ min, max });
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

/**
 * Generates records for a JSON Schema, once its worst case is within the
 * limits.
 */
export function jsonSchemaRecordSource(
  text: string,
  ctx: SyntheticContext,
  check: LimitCheck,
) {
  const { schema } = parseJsonSchema(text);
  const valuesPerRecord = jsonSchemaWorstCase(schema, check);
  const generator = new JsonSchemaGenerator(ctx, schema);
  return { valuesPerRecord, next: () => generator.value(schema, '', '', 0) };
}
