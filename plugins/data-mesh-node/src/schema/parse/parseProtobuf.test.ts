import { SchemaSyntaxError } from '../SchemaSyntaxError';
import { parseProtobuf } from './parseProtobuf';

function errorOf(text: string): SchemaSyntaxError {
  try {
    parseProtobuf(text);
  } catch (error) {
    return error as SchemaSyntaxError;
  }
  throw new Error('expected the schema to be rejected');
}

describe('parseProtobuf', () => {
  it('finds the first message and resolves well-known imports', () => {
    const parsed = parseProtobuf(`syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
enum Currency { EUR = 0; USD = 1; }
message OrderPlaced {
  string order_id = 1;
  google.protobuf.Timestamp placed_at = 2;
  Currency currency = 3;
}
message Other { int32 x = 1; }`);
    expect(parsed.message.fullName).toBe('.shop.OrderPlaced');
    expect(parsed.proto2).toBe(false);
    expect(parsed.message.fieldsArray.map(f => f.name)).toEqual([
      'order_id',
      'placed_at',
      'currency',
    ]);
  });

  it('gives camelCase names on request, as the encoder expects', () => {
    const { message } = parseProtobuf(
      'syntax = "proto3"; message A { string order_id = 1; }',
      { keepCase: false },
    );
    expect(message.fieldsArray[0].name).toBe('orderId');
  });

  it('treats a file without a syntax line as proto2', () => {
    expect(parseProtobuf('message A { required string a = 1; }').proto2).toBe(
      true,
    );
  });

  it('names the line of a syntax error', () => {
    const error = errorOf(
      'syntax = "proto3";\nmessage A {\n  string a = 1\n  int32 b = 2;\n}',
    );
    expect(error).toBeInstanceOf(SchemaSyntaxError);
    expect(error.message).toBe(
      "Invalid Protobuf schema at line 4: illegal token 'int32', ';' expected",
    );
    expect(error.line).toBe(4);
  });

  it('names the line that uses an unknown type', () => {
    const error = errorOf(
      'syntax = "proto3";\nmessage A {\n  string a = 1;\n  Strin b = 2;\n}',
    );
    expect(error.message).toBe(
      "Invalid Protobuf schema at line 4: no such Type or Enum 'Strin' in Type .A",
    );
  });

  it('rejects duplicate field numbers, unknown imports and empty files', () => {
    expect(
      errorOf('syntax = "proto3"; message A { string a = 1; int32 b = 1; }')
        .message,
    ).toBe('Invalid Protobuf schema: duplicate id 1 in Type A');
    expect(
      errorOf('syntax = "proto3"; import "other.proto"; message A {}').message,
    ).toBe(
      'Invalid Protobuf schema: import "other.proto" cannot be resolved (only Google\'s well-known types can be imported)',
    );
    expect(errorOf('syntax = "proto3"; enum E { A = 0; }').message).toBe(
      'Invalid Protobuf schema: the schema declares no message',
    );
  });
});
