import * as protobuf from 'protobufjs';
import { SchemaSyntaxError } from '../SchemaSyntaxError';

/** A parsed .proto text and the message its records hold. */
export type ParsedProtobuf = {
  root: protobuf.Root;
  /** The first message, the one Confluent's serializers use by default. */
  message: protobuf.Type;
  /** Without a syntax line a .proto file is proto2. */
  proto2: boolean;
};

export type ParseProtobufOptions = {
  /**
   * Keep field names as written (default). `false` gives protobufjs's
   * camelCase names, which its encoder and the JSON mapping use.
   */
  keepCase?: boolean;
};

function firstMessage(ns: protobuf.NamespaceBase): protobuf.Type | undefined {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) return nested;
    if (nested instanceof protobuf.Namespace) {
      const found = firstMessage(nested);
      if (found) return found;
    }
  }
  return undefined;
}

/** The line that mentions an unknown type name, to point the author at it. */
function lineMentioning(text: string, typeName: string): number | undefined {
  const short = typeName.split('.').pop()!;
  const escaped = short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[\\s<,.])${escaped}\\s*>?\\s+\\w+\\s*=`);
  const index = text.split('\n').findIndex(line => pattern.test(line));
  return index < 0 ? undefined : index + 1;
}

/**
 * A .proto text, parsed and resolved. Imports of Google's well-known types
 * resolve; other imports (schema references) are not supported.
 *
 * @throws SchemaSyntaxError naming the line where protobufjs knows it
 */
export function parseProtobuf(
  text: string,
  { keepCase = true }: ParseProtobufOptions = {},
): ParsedProtobuf {
  if (!text.trim()) {
    throw new SchemaSyntaxError('protobuf', 'the schema is empty');
  }
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, { keepCase, alternateCommentMode: true });
  } catch (error) {
    const message = (error as Error).message;
    const line = /\(line (\d+)\)$/.exec(message);
    throw new SchemaSyntaxError(
      'protobuf',
      message.replace(/\s*\(line \d+\)$/, ''),
      line ? { line: Number(line[1]) } : {},
    );
  }
  const { root } = parsed;
  for (const name of [
    ...(parsed.imports ?? []),
    ...(parsed.weakImports ?? []),
  ]) {
    const common = protobuf.common.get(name);
    if (!common) {
      throw new SchemaSyntaxError(
        'protobuf',
        `import "${name}" cannot be resolved (only Google's well-known types can be imported)`,
      );
    }
    root.addJSON(common.nested!);
  }
  try {
    root.resolveAll();
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /no such type(?: or enum)? '([^']+)'/i.exec(message);
    const line = unknown ? lineMentioning(text, unknown[1]) : undefined;
    throw new SchemaSyntaxError('protobuf', message, line ? { line } : {});
  }
  const message = firstMessage(root);
  if (!message) {
    throw new SchemaSyntaxError('protobuf', 'the schema declares no message');
  }
  return {
    root,
    message,
    proto2: !/^\s*(syntax|edition)\s*=\s*["'](proto3|\d+)["']/m.test(text),
  };
}
