import { locateJsonError } from './locateJsonError';

describe('locateJsonError', () => {
  it('accepts valid JSON', () => {
    expect(locateJsonError('{"type": "record", "fields": [1, -2.5e3]}')).toBe(
      undefined,
    );
    expect(locateJsonError(' "string" ')).toBeUndefined();
  });

  it.each([
    [
      '{\n  "type": "record",\n  "name": Order\n}',
      3,
      11,
      "expected a value but found 'Order' (strings need double quotes)",
    ],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ['[1, 2,]', 1, 7, "trailing comma before ']'"],
    ['{"a" 1}', 1, 6, "expected ':' after the property name but found '1'"],
    [
      "{'a': 1}",
      1,
      2,
      `expected a property name in double quotes but found "'"`,
    ],
    [
      '{"a": 1\n "b": 2}',
      2,
      2,
      "expected ',' or '}' after a property value but found '\"'",
    ],
    [
      '{"a": "x\ny"}',
      1,
      9,
      'line break or control character inside a string (write \\n)',
    ],
    ['{"a": "open', 1, 7, "string is never closed with '\"'"],
    ['{"a": "\\q"}', 1, 8, 'invalid escape sequence in a string'],
    ['{"a": 1} x', 1, 10, "unexpected 'x' after the end of the JSON value"],
    ['', 1, 1, 'expected a value but found the end of the text'],
    [
      '{"a": \'x\'}',
      1,
      7,
      `expected a value but found "'" (strings need double quotes)`,
    ],
    [
      '{"a": [1, 2',
      1,
      12,
      "expected ',' or ']' after an array element but found the end of the text",
    ],
  ])('locates the error in %j', (text, line, column, reason) => {
    expect(locateJsonError(text)).toEqual(
      expect.objectContaining({ line, column, reason }),
    );
  });
});
