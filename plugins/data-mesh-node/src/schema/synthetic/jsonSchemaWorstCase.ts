import { InputError } from '@backstage/errors';
import { childPath } from '../fieldPath';
import type { JsonSchemaNode } from '../parse/parseJsonSchema';
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
import { branchesAt, OPTIONAL_DEPTH } from './syntheticFaker';
import {
  describePath,
  LimitCheck,
  patternLength,
  textValues,
} from './syntheticLimits';

/**
 * The most values one record of a JSON Schema can take, walking the schema
 * as `jsonSchemaRecords` generates from it: every optional property taken,
 * the longest array, the largest branch of a union. Sizes, depth and the
 * per-record total are checked on the way, so nothing is generated for a
 * schema beyond the limits.
 *
 * @throws InputError naming the limit a schema exceeds
 */
export function jsonSchemaWorstCase(
  root: JsonSchemaNode,
  check: LimitCheck,
): number {
  function walk(raw: Node, path: string, depth: number, level: number): number {
    check.visit(level, path);
    const node = deref(root, raw);
    if (node === false) {
      throw new InputError(
        `Cannot generate synthetic records: ${describePath(
          path,
        )} admits no value (its schema is false)`,
      );
    }
    if (!isObject(node) || 'const' in node || Array.isArray(node.enum)) {
      return 1;
    }
    if (Array.isArray(node.allOf)) {
      const { allOf, ...rest } = node;
      return walk(merge(root, [rest, ...allOf]), path, depth, level + 1);
    }
    const branches: Node[] | undefined = node.oneOf ?? node.anyOf;
    if (Array.isArray(branches)) {
      const { oneOf: _o, anyOf: _a, ...rest } = node;
      const nonNull = nonNullBranches(root, branches);
      const nullable = nonNull.length < branches.length;
      // Deep down the generator always takes null when it may.
      if (nullable && depth >= OPTIONAL_DEPTH) return 1;
      return Math.max(
        1,
        ...branchesAt(nonNull.length ? nonNull : branches, depth, b =>
          isLeaf(root, b),
        ).map(branch =>
          walk(merge(root, [rest, branch]), path, depth, level + 1),
        ),
      );
    }
    const types = typesOf(node);
    const nonNull = types.filter(t => t !== 'null');
    if (!nonNull.length) return 1;
    if (nonNull.length < types.length && depth >= OPTIONAL_DEPTH) return 1;
    return Math.max(
      ...branchesAt(nonNull, depth, isLeafType).map(type =>
        typeValues(node, type, path, depth, level),
      ),
    );
  }

  function typeValues(
    node: JsonSchemaNode,
    type: string,
    path: string,
    depth: number,
    level: number,
  ): number {
    switch (type) {
      case 'object':
        return objectValues(node, path, depth + 1, level + 1);
      case 'array':
        return arrayValues(node, path, depth, level + 1);
      case 'integer':
      case 'number':
      case 'boolean':
        return 1;
      default:
        return stringValues(node, path);
    }
  }

  function objectValues(
    node: JsonSchemaNode,
    path: string,
    depth: number,
    level: number,
  ): number {
    const properties = Object.entries<Node>(node.properties ?? {});
    check.size('maxFields', properties.length, path, 'properties');
    if (typeof node.minProperties === 'number') {
      check.size('maxFields', node.minProperties, path, 'minProperties');
    }
    const required = new Set<string>(node.required ?? []);
    let values = 1;
    for (const [name, schema] of properties) {
      if (!required.has(name) && depth >= OPTIONAL_DEPTH) continue;
      values += walk(schema, childPath(path, name), depth, level);
    }
    return values;
  }

  function arrayValues(
    node: JsonSchemaNode,
    path: string,
    depth: number,
    level: number,
  ): number {
    if (typeof node.minItems === 'number') {
      check.size('maxArrayItems', node.minItems, path, 'minItems');
    }
    const { tuple = [], rest, max } = arrayShape(node, depth >= OPTIONAL_DEPTH);
    let values = 1;
    for (const position of tuple.slice(0, max)) {
      values += walk(position, path, depth, level);
    }
    const more = max - Math.min(max, tuple.length);
    if (more > 0) values += more * walk(rest ?? {}, path, depth, level);
    // Items that repeat one already drawn are drawn again, up to 10 times
    // the length.
    return node.uniqueItems ? 1 + (values - 1) * 10 : values;
  }

  function stringValues(node: JsonSchemaNode, path: string): number {
    let length = 0;
    if (typeof node.minLength === 'number') {
      check.size('maxStringLength', node.minLength, path, 'minLength');
      length = node.minLength;
    }
    if (typeof node.pattern === 'string') {
      const fromPattern = patternLength(toFakerPattern(node.pattern));
      check.size('maxStringLength', fromPattern, path, 'pattern');
      length = Math.max(length, fromPattern);
    }
    return textValues(length);
  }

  return check.perRecord(walk(root, '', 0, 0));
}
