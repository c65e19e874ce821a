import { recordValidator } from './recordValidator';

describe('recordValidator', () => {
  it('checks Avro records as avsc sees them', () => {
    const valid = recordValidator(
      'avro',
      JSON.stringify({
        type: 'record',
        name: 'A',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'raw', type: 'bytes' },
        ],
      }),
    );
    expect(valid({ id: 'a', raw: Buffer.from('x') })).toBeUndefined();
    expect(valid({ id: 1, raw: Buffer.from('x') })).toBe('invalid value at id');
  });

  it('checks JSON documents with formats', () => {
    const valid = recordValidator(
      'json',
      JSON.stringify({
        type: 'object',
        properties: { email: { type: 'string', format: 'email' } },
      }),
    );
    expect(valid({ email: 'a@example.com' })).toBeUndefined();
    expect(valid({ email: 'nope' })).toBe('/email must match format "email"');
  });

  it('checks Protobuf messages by their camelCase names', () => {
    const valid = recordValidator(
      'protobuf',
      'syntax = "proto3"; message A { int32 item_count = 1; }',
    );
    expect(valid({ itemCount: 3 })).toBeUndefined();
    expect(valid({ itemCount: 'three' })).toBe('itemCount: integer expected');
  });
});
