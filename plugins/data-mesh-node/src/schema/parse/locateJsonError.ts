/** The first syntax error of a JSON text, 1-based. */
export type JsonErrorLocation = {
  line: number;
  column: number;
  reason: string;
};

class Failure {
  constructor(readonly index: number, readonly reason: string) {}
}

const describeChar = (c: string | undefined) =>
  c === undefined ? 'end of text' : `'${c}'`;

/**
 * Finds where a JSON text stops being valid JSON, and why. `JSON.parse`
 * names a position for only some errors (and none for unexpected tokens in
 * Node 22), so this small scanner walks the text the same way and stops at
 * the first character that cannot continue it.
 *
 * @returns undefined when the text is valid JSON
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Failure(i, reason);
  };
  const unexpected = (expected: string): never =>
    fail(`unexpected ${describeChar(text[i])}, expected ${expected}`);
  const skipWhitespace = () => {
    while (/[ \t\n\r]/.test(text[i] ?? '')) i++;
  };

  const parseString = () => {
    i++; // the opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail('control character in string (escape it)');
      if (c === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
            fail('\\u must be followed by 4 hex digits');
          }
          i += 4;
        } else if (!escape || !'"\\/bfnrt'.includes(escape)) {
          fail(`invalid escape \\${escape ?? ''}`);
        }
      }
      i++;
    }
  };

  const parseNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '-') unexpected('a value');
    i += match![0].length;
  };

  function parseValue(): void {
    skipWhitespace();
    const c = text[i];
    if (c === '{') return parseContainer('}', true);
    if (c === '[') return parseContainer(']', false);
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return undefined;
      }
    }
    return unexpected('a value');
  }

  function parseContainer(close: '}' | ']', isObject: boolean) {
    i++;
    skipWhitespace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (isObject) {
        skipWhitespace();
        if (text[i] !== '"') unexpected('a property name in double quotes');
        parseString();
        skipWhitespace();
        if (text[i] !== ':') unexpected("':' after the property name");
        i++;
      }
      parseValue();
      skipWhitespace();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ',') unexpected(`',' or '${close}'`);
      i++;
      skipWhitespace();
      if (text[i] === close) fail(`trailing comma before '${close}'`);
    }
  }

  try {
    parseValue();
    skipWhitespace();
    if (i < text.length)
      fail(
        `unexpected ${describeChar(text[i])} after the end of the JSON value`,
      );
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = text.slice(0, error.index);
    const line = before.split('\n').length;
    const column = error.index - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, reason: error.reason };
  }
}
