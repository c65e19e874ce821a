import { SchemaSyntaxError } from '../SchemaSyntaxError';
import { parseJsonSchema } from './parseJsonSchema';

function errorOf(text: string): SchemaSyntaxError {
  try {
    parseJsonSchema(text);
  } catch (error) {
    return error as SchemaSyntaxError;
  }
  throw new Error('expected the schema to be rejected');
}

describe('parseJsonSchema', () => {
  it('compiles a draft-07 schema with formats and vendor keywords', () => {
    const { validate } = parseJsonSchema(
      JSON.stringify({
        type: 'object',
        properties: {
          email: { type: 'string', format: 'email', pii: true },
        },
        required: ['email'],
      }),
    );
    expect(validate({ email: 'a@example.com' })).toBe(true);
    expect(validate({ email: 'not an address' })).toBe(false);
  });

  it('compiles a 2020-12 schema with its own keywords', () => {
    const { validate } = parseJsonSchema(
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'array',
        prefixItems: [{ type: 'string' }],
        items: false,
      }),
    );
    expect(validate(['a'])).toBe(true);
    expect(validate(['a', 'b'])).toBe(false);
  });

  it('names line and column of a JSON syntax error', () => {
    const error = errorOf('{\n  "type": "object",\n  "properties": {,}\n}');
    expect(error.message).toBe(
      "Invalid JSON Schema at line 3, column 18: unexpected ',', expected a property name in double quotes",
    );
  });

  it('names the property whose schema breaks the meta-schema', () => {
    const error = errorOf(
      JSON.stringify({
        type: 'object',
        properties: {
          customer: {
            type: 'object',
            properties: { age: { type: 'integr' } },
          },
        },
      }),
    );
    expect(error.path).toBe('customer.age');
    expect(error.message).toBe(
      'Invalid JSON Schema at field `customer.age`: type must be equal to one of the allowed values',
    );
  });

  it('reports references that do not resolve', () => {
    expect(
      errorOf(JSON.stringify({ $ref: '#/definitions/Missing' })).message,
    ).toMatch(
      /^Invalid JSON Schema: can't resolve reference #\/definitions\/Missing/,
    );
  });

  it('rejects non-objects and unsupported dialects', () => {
    expect(errorOf('[1]').message).toBe(
      'Invalid JSON Schema: a JSON Schema must be an object',
    );
    expect(
      errorOf(
        JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#' }),
      ).message,
    ).toBe(
      "Invalid JSON Schema: $schema 'http://json-schema.org/draft-04/schema#' is not supported; use draft-07, 2019-09 or 2020-12",
    );
  });
});
