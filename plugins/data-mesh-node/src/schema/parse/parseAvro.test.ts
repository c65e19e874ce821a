import { SchemaSyntaxError } from '../SchemaSyntaxError';
import { locateAvroError, parseAvro } from './parseAvro';

const record = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Order', fields });

function errorOf(text: string): SchemaSyntaxError {
  try {
    parseAvro(text);
  } catch (error) {
    return error as SchemaSyntaxError;
  }
  throw new Error('expected the schema to be rejected');
}

describe('parseAvro', () => {
  it('returns the avsc type of a valid schema', () => {
    const type = parseAvro(record([{ name: 'id', type: 'string' }]));
    expect(type.isValid({ id: 'x' })).toBe(true);
  });

  it('names line and column of a JSON syntax error', () => {
    const error = errorOf(
      '{\n  "type": "record",\n  "name": "Order",\n  "fields": [\n    {"name": "id" "type": "string"}\n  ]\n}',
    );
    expect(error).toBeInstanceOf(SchemaSyntaxError);
    expect(error.message).toBe(
      "Invalid Avro schema at line 5, column 19: unexpected '\"', expected ',' or '}'",
    );
    expect(error).toMatchObject({ line: 5, column: 19 });
  });

  it('names the field of an unknown type, also inside nested records', () => {
    expect(errorOf(record([{ name: 'id', type: 'strin' }])).message).toBe(
      'Invalid Avro schema at field `id`: undefined type name: strin',
    );
    const nested = errorOf(
      record([
        { name: 'id', type: 'string' },
        {
          name: 'customer',
          type: [
            'null',
            {
              type: 'record',
              name: 'Customer',
              fields: [
                { name: 'email', type: 'string' },
                { name: 'age', type: 'lng' },
              ],
            },
          ],
        },
      ]),
    );
    expect(nested.path).toBe('customer.age');
    expect(nested.message).toContain('undefined type name: lng');
  });

  it('names the field whose default does not fit its type', () => {
    const error = errorOf(
      record([
        { name: 'id', type: 'string' },
        { name: 'qty', type: 'int', default: 'many' },
      ]),
    );
    expect(error.path).toBe('qty');
    expect(error.message).toMatch(
      /^Invalid Avro schema at field `qty`: incompatible field default "many"/,
    );
  });

  it('names no field when the record itself is wrong', () => {
    const error = errorOf(
      JSON.stringify({
        type: 'record',
        name: '1order',
        fields: [{ name: 'id', type: 'string' }],
      }),
    );
    expect(error.path).toBeUndefined();
    expect(error.message).toMatch(/^Invalid Avro schema: /);
  });

  it('rejects an empty text', () => {
    expect(errorOf('  ').message).toBe(
      'Invalid Avro schema: the schema is empty',
    );
  });
});

describe('locateAvroError', () => {
  it('finds a field inside an array of records', () => {
    expect(
      locateAvroError({
        type: 'record',
        name: 'Order',
        fields: [
          {
            name: 'lines',
            type: {
              type: 'array',
              items: {
                type: 'record',
                name: 'Line',
                fields: [{ name: 'sku', type: 'sku-type' }],
              },
            },
          },
        ],
      }),
    ).toBe('lines.sku');
  });
});
