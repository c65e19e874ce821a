import { checkSchemaSyntax, schemaFormatOf } from './checkSchemaSyntax';

describe('checkSchemaSyntax', () => {
  it('names the format, line and column of a JSON error', () => {
    expect(checkSchemaSyntax('avro', '{\n  "type": record\n}')).toBe(
      "Invalid Avro schema at line 2, column 11: expected a value but found 'record' (strings need double quotes)",
    );
    expect(checkSchemaSyntax('json', '{"type": "object",}')).toBe(
      "Invalid JSON Schema at line 1, column 19: trailing comma before '}'",
    );
  });

  it('accepts parsable JSON schemas', () => {
    expect(checkSchemaSyntax('avro', '{"type": "string"}')).toBeUndefined();
  });

  it('leaves Protobuf to the backend', () => {
    expect(checkSchemaSyntax('protobuf', 'message {')).toBeUndefined();
  });
});

describe('schemaFormatOf', () => {
  it('reads known formats and defaults to Avro', () => {
    expect(schemaFormatOf('json')).toBe('json');
    expect(schemaFormatOf('protobuf')).toBe('protobuf');
    expect(schemaFormatOf(undefined)).toBe('avro');
    expect(schemaFormatOf('xml')).toBe('avro');
  });
});
