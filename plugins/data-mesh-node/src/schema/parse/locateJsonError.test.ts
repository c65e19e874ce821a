import { locateJsonError } from './locateJsonError';

describe('locateJsonError', () => {
  it('accepts valid JSON', () => {
    for (const text of [
      '{}',
      ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"a": []}] ',
      '"x"',
    ]) {
      expect(JSON.parse(text)).toBeDefined();
      expect(locateJsonError(text)).toBeUndefined();
    }
  });

  it.each([
    ['{\n  "a": 1,\n  "b": }', 3, 8, "unexpected '}', expected a value"],
    ['{"a": 1', 1, 8, "unexpected end of text, expected ',' or '}'"],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    [
      "{'a': 1}",
      1,
      2,
      "unexpected ''', expected a property name in double quotes",
    ],
    ['{"a" 1}', 1, 6, "unexpected '1', expected ':' after the property name"],
    ['[1 2]', 1, 4, "unexpected '2', expected ',' or ']'"],
    ['{"a": "b\n"}', 1, 9, 'unterminated string'],
    ['{"a": "\\x"}', 1, 9, 'invalid escape \\x'],
    ['{} x', 1, 4, "unexpected 'x' after the end of the JSON value"],
    ['', 1, 1, 'unexpected end of text, expected a value'],
    ['{"a": tru}', 1, 7, "unexpected 't', expected a value"],
  ])('locates the error in %j', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual({ line, column, reason });
  });
});
