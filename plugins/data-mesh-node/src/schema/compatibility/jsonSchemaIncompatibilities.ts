import { isDeepStrictEqual } from 'node:util';
import { JsonSchemaNode, parseJsonSchema } from '../parse/parseJsonSchema';
import { childPath } from '../fieldPath';
import { Direction, fieldRef, Incompatibility } from './incompatibility';

type Node = JsonSchemaNode | boolean;

const LOWER_BOUNDS = [
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
];
const UPPER_BOUNDS = [
  'maximum',
  'exclusiveMaximum',
  'maxLength',
  'maxItems',
  'maxProperties',
];

const isObject = (node: unknown): node is JsonSchemaNode =>
  !!node && typeof node === 'object' && !Array.isArray(node);

/** Resolves local `$ref`s (`#/definitions/X`, `#/$defs/X`, any pointer). */
function deref(node: Node, root: JsonSchemaNode): Node {
  const seen = new Set<string>();
  let current = node;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#') || seen.has(ref)) break;
    seen.add(ref);
    let target: any = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (target === undefined) break;
    current = target;
  }
  return current;
}

/** The JSON types a schema admits; undefined when it admits any. */
function typesOf(node: Node): string[] | undefined {
  if (!isObject(node)) return node ? undefined : [];
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type;
  if (node.properties) return ['object'];
  if (node.items) return ['array'];
  return undefined;
}

function valuesOf(node: Node): unknown[] | undefined {
  if (!isObject(node)) return undefined;
  if (Array.isArray(node.enum)) return node.enum;
  return 'const' in node ? [node.const] : undefined;
}

const branchesOf = (node: Node): Node[] | undefined =>
  isObject(node) ? node.anyOf ?? node.oneOf : undefined;

function typeName(node: Node, root: JsonSchemaNode): string {
  const resolved = deref(node, root);
  const branches = branchesOf(resolved);
  if (branches) return branches.map(b => typeName(b, root)).join(' | ');
  return typesOf(resolved)?.join(' | ') || 'any';
}

const show = (value: unknown) =>
  value === undefined ? 'none' : JSON.stringify(value);

class JsonSchemaComparison {
  readonly issues: Incompatibility[] = [];
  private readonly seen = new Map<object, Set<object>>();

  constructor(
    private readonly direction: Direction,
    private readonly readerRoot: JsonSchemaNode,
    private readonly writerRoot: JsonSchemaNode,
  ) {}

  private get backward() {
    return this.direction === 'backward';
  }

  private add(change: string) {
    this.issues.push({ change, direction: this.direction });
  }

  /** Old value first, whichever side reads. */
  private ordered<T>(reader: T, writer: T): [T, T] {
    return this.backward ? [writer, reader] : [reader, writer];
  }

  private typeChanged(path: string, reader: Node, writer: Node) {
    const [before, after] = this.ordered(
      typeName(reader, this.readerRoot),
      typeName(writer, this.writerRoot),
    );
    this.add(
      `type of ${fieldRef(
        path,
        'property',
      )} changed from ${before} to ${after}`,
    );
  }

  /** Whether every value `writer` admits is admitted by `reader`. */
  private accepts(reader: Node, writer: Node): boolean {
    const trial = new JsonSchemaComparison(
      this.direction,
      this.readerRoot,
      this.writerRoot,
    );
    trial.compare(reader, writer, '');
    return trial.issues.length === 0;
  }

  /** Records the changes that let `writer` produce values `reader` rejects. */
  compare(rawReader: Node, rawWriter: Node, path: string): void {
    const reader = deref(rawReader, this.readerRoot);
    const writer = deref(rawWriter, this.writerRoot);
    if (reader === true || writer === false) return;
    if (isObject(reader) && isObject(writer)) {
      const pairs = this.seen.get(reader) ?? new Set();
      if (pairs.has(writer)) return; // a recursive definition
      this.seen.set(reader, pairs.add(writer));
    }
    const readerBranches = branchesOf(reader);
    const writerBranches = branchesOf(writer);
    if (readerBranches || writerBranches) {
      const accepted = (writerBranches ?? [writer]).every(w =>
        (readerBranches ?? [reader]).some(r => this.accepts(r, w)),
      );
      if (!accepted) this.typeChanged(path, reader, writer);
      return;
    }
    if (!this.compareTypes(reader, writer, path)) return;
    if (!isObject(reader) || !isObject(writer)) return;
    this.compareValues(reader, writer, path);
    this.compareBounds(reader, writer, path);
    this.compareProperties(reader, writer, path);
    if (reader.items && writer.items && !Array.isArray(reader.items)) {
      this.compare(reader.items, writer.items, `${path}[]`);
    }
  }

  /** False when the types already differ and details would only repeat it. */
  private compareTypes(reader: Node, writer: Node, path: string): boolean {
    const readerTypes = typesOf(reader);
    if (!readerTypes) return true;
    const writerTypes = typesOf(writer);
    const admitted = (type: string) =>
      readerTypes.includes(type) ||
      (type === 'integer' && readerTypes.includes('number'));
    if (writerTypes && writerTypes.every(admitted)) return true;
    this.typeChanged(path, reader, writer);
    return false;
  }

  private compareValues(
    reader: JsonSchemaNode,
    writer: JsonSchemaNode,
    path: string,
  ) {
    const allowed = valuesOf(reader);
    if (!allowed) return;
    const written = valuesOf(writer);
    const where = fieldRef(path, 'property');
    if (!written) {
      this.add(
        this.backward
          ? `${where} was limited to the values ${allowed.map(show).join(', ')}`
          : `${where} is no longer limited to the values ${allowed
              .map(show)
              .join(', ')}`,
      );
      return;
    }
    for (const value of written) {
      if (allowed.some(a => isDeepStrictEqual(a, value))) continue;
      this.add(
        this.backward
          ? `value ${show(value)} was removed from ${where}`
          : `value ${show(value)} was added to ${where}`,
      );
    }
  }

  private compareBounds(
    reader: JsonSchemaNode,
    writer: JsonSchemaNode,
    path: string,
  ) {
    const changed = (keyword: string) => {
      const [before, after] = this.ordered(reader[keyword], writer[keyword]);
      this.add(
        `${keyword} of ${fieldRef(path, 'property')} changed from ${show(
          before,
        )} to ${show(after)}`,
      );
    };
    for (const keyword of LOWER_BOUNDS) {
      const bound = reader[keyword];
      if (typeof bound !== 'number') continue;
      const written = writer[keyword];
      if (typeof written !== 'number' || written < bound) changed(keyword);
    }
    for (const keyword of UPPER_BOUNDS) {
      const bound = reader[keyword];
      if (typeof bound !== 'number') continue;
      const written = writer[keyword];
      if (typeof written !== 'number' || written > bound) changed(keyword);
    }
    for (const keyword of ['pattern', 'format']) {
      if (
        reader[keyword] !== undefined &&
        reader[keyword] !== writer[keyword]
      ) {
        changed(keyword);
      }
    }
  }

  /** Whether values the writer admits as additional properties fit `schema`. */
  private acceptsAdditional(writer: JsonSchemaNode, schema: Node): boolean {
    const additional = writer.additionalProperties;
    if (additional === false) return true;
    return isObject(additional) && this.accepts(schema, additional);
  }

  private compareProperties(
    reader: JsonSchemaNode,
    writer: JsonSchemaNode,
    path: string,
  ) {
    const readerProps: Record<string, Node> = reader.properties ?? {};
    const writerProps: Record<string, Node> = writer.properties ?? {};
    const writerRequired = new Set<string>(writer.required ?? []);
    // Said once: a required property the writer lacks needs no second
    // sentence about the writer's open content model.
    const reported = new Set<string>();
    for (const name of reader.required ?? []) {
      if (writerRequired.has(name)) continue;
      reported.add(name);
      const where = fieldRef(childPath(path, name), 'property');
      if (this.backward) {
        this.add(
          name in writerProps
            ? `${where} became required`
            : `${where} was added as required`,
        );
      } else {
        this.add(
          name in writerProps
            ? `${where} is no longer required`
            : `required ${where} was removed`,
        );
      }
    }
    for (const [name, schema] of Object.entries(readerProps)) {
      if (name in writerProps) {
        this.compare(schema, writerProps[name], childPath(path, name));
      } else if (
        !reported.has(name) &&
        !this.acceptsAdditional(writer, schema)
      ) {
        const where = fieldRef(childPath(path, name), 'property');
        // The writer's open content model may already hold the name with
        // a value of another type.
        this.add(
          this.backward
            ? `${where} was added while the old schema allows any additional properties`
            : `${where} was removed while the new schema allows any additional properties`,
        );
      }
    }
    if (reader.additionalProperties !== false) return;
    const patterns = Object.keys(reader.patternProperties ?? {}).map(
      p => new RegExp(p, 'u'),
    );
    for (const name of Object.keys(writerProps)) {
      if (name in readerProps || patterns.some(p => p.test(name))) continue;
      const where = fieldRef(childPath(path, name), 'property');
      this.add(
        this.backward
          ? `${where} was removed while additional properties are not allowed`
          : `${where} was added while the old schema allows no additional properties`,
      );
    }
    if (writer.additionalProperties !== false && !patterns.length) {
      const where = path ? ` in ${fieldRef(path, 'property')}` : '';
      this.add(
        this.backward
          ? `additional properties are no longer allowed${where}`
          : `additional properties are now allowed${where}`,
      );
    }
  }
}

/**
 * The changes from `previous` to `next` that let one side's documents fail
 * the other side's schema: types that do not widen, removed enum values,
 * new required properties, tightened bounds, patterns and formats, and
 * properties a closed schema no longer allows, and properties added to
 * (or, forward, removed from) an open content model, whose additional
 * properties may already use the name with any type.
 */
export function jsonSchemaIncompatibilities(
  previous: string,
  next: string,
  directions: Direction[],
): Incompatibility[] {
  const before = parseJsonSchema(previous).schema;
  const after = parseJsonSchema(next).schema;
  return directions.flatMap(direction => {
    const [reader, writer] =
      direction === 'backward' ? [after, before] : [before, after];
    const comparison = new JsonSchemaComparison(direction, reader, writer);
    comparison.compare(reader, writer, '');
    return comparison.issues;
  });
}
