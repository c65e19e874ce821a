/** Where and why a text is not JSON; line and column count from 1. */
export type JsonSyntaxProblem = {
  offset: number;
  line: number;
  column: number;
  reason: string;
};

class Failure {
  constructor(readonly offset: number, readonly reason: string) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

// JSON.parse says whether a text is JSON, but where it failed depends on the
// engine: V8 leaves out the position for an unexpected token, Firefox and
// Safari word everything differently. This small scanner runs only after
// JSON.parse has failed and finds the first error the same way everywhere.
function scan(text: string): Failure | undefined {
  let at = 0;

  const skipWhitespace = () => {
    while (at < text.length && WHITESPACE.has(text[at])) at++;
  };
  const wordAt = (): string | undefined => {
    WORD.lastIndex = at;
    return WORD.exec(text)?.[0];
  };
  const found = (): string => {
    if (at >= text.length) return 'the end of the text';
    const word = wordAt();
    if (word) return `'${word}'`;
    return text[at] === "'" ? `"'"` : `'${text[at]}'`;
  };
  const fail = (reason: string, offset = at): never => {
    throw new Failure(offset, reason);
  };

  function string() {
    const start = at++;
    while (at < text.length) {
      const c = text[at];
      if (c === '"') {
        at++;
        return;
      }
      if (c === '\\') {
        const escaped = text[at + 1];
        if (
          escaped === 'u' &&
          /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))
        ) {
          at += 6;
          continue;
        }
        if (!ESCAPES.has(escaped)) fail('invalid escape sequence in a string');
        at += 2;
        continue;
      }
      if (c < ' ') {
        fail('line break or control character inside a string (write \\n)');
      }
      at++;
    }
    fail("string is never closed with '\"'", start);
  }

  function members(close: '}' | ']', member: () => void, what: string) {
    at++;
    skipWhitespace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      member();
      skipWhitespace();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ',') {
        fail(`expected ',' or '${close}' after ${what} but found ${found()}`);
      }
      at++;
      skipWhitespace();
      if (text[at] === close) fail(`trailing comma before '${close}'`);
    }
  }

  function property() {
    if (text[at] !== '"') {
      fail(`expected a property name in double quotes but found ${found()}`);
    }
    string();
    skipWhitespace();
    if (text[at] !== ':') {
      fail(`expected ':' after the property name but found ${found()}`);
    }
    at++;
    value();
  }

  function value() {
    skipWhitespace();
    const c = text[at];
    if (c === '{') return members('}', property, 'a property value');
    if (c === '[') return members(']', value, 'an array element');
    if (c === '"') return string();
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      return undefined;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return undefined;
      }
    }
    const hint =
      wordAt() || text[at] === "'" ? ' (strings need double quotes)' : '';
    return fail(`expected a value but found ${found()}${hint}`);
  }

  try {
    value();
    skipWhitespace();
    if (at < text.length) {
      fail(`unexpected ${found()} after the end of the JSON value`);
    }
    return undefined;
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The first syntax error of a JSON text, or undefined when it parses. */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (parseError) {
    const failure = scan(text) ?? {
      offset: 0,
      reason: (parseError as Error).message,
    };
    return {
      offset: failure.offset,
      ...position(text, failure.offset),
      reason: failure.reason,
    };
  }
}
