import { InputError } from '@backstage/errors';
import { SchemaSyntaxError } from './SchemaSyntaxError';

describe('SchemaSyntaxError', () => {
  it('names the line and column when the parser knows them', () => {
    const error = new SchemaSyntaxError('avro', "unexpected '}'", {
      line: 3,
      column: 14,
    });
    expect(error.message).toBe(
      "Invalid Avro schema at line 3, column 14: unexpected '}'",
    );
    expect(error).toMatchObject({ line: 3, column: 14 });
  });

  it('names only the line, or the field path, when that is all there is', () => {
    expect(
      new SchemaSyntaxError('protobuf', "';' expected", { line: 4 }).message,
    ).toBe("Invalid Protobuf schema at line 4: ';' expected");
    expect(
      new SchemaSyntaxError('avro', 'undefined type name: lng', {
        path: 'customer.age',
      }).message,
    ).toBe(
      'Invalid Avro schema at field `customer.age`: undefined type name: lng',
    );
    expect(new SchemaSyntaxError('json', 'empty').message).toBe(
      'Invalid JSON Schema: empty',
    );
  });

  it('stays an InputError so that HTTP handlers answer 400', () => {
    const error = new SchemaSyntaxError('json', 'empty');
    expect(error).toBeInstanceOf(InputError);
    expect(error.name).toBe('InputError');
  });
});
