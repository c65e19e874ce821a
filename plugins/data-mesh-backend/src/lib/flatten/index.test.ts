import { flattenSchema } from '.';

describe('flattenSchema', () => {
  const avro = JSON.stringify({
    type: 'record',
    name: 'R',
    fields: [
      { name: 'email', type: 'string' },
      { name: 'phone', type: 'string', 'confluent:tags': ['PII'] },
      { name: 'id', type: 'string' },
    ],
  });

  it('marks the descriptor’s PII paths and the schema’s PII tags', () => {
    expect(flattenSchema('avro', avro, ['email'])).toEqual([
      { path: 'email', type: 'string', nullable: false, pii: true },
      { path: 'phone', type: 'string', nullable: false, pii: true },
      { path: 'id', type: 'string', nullable: false, pii: false },
    ]);
  });

  it('has no fields for a schema that does not parse', () => {
    expect(flattenSchema('avro', '{not json', [])).toEqual([]);
    expect(flattenSchema('protobuf', 'message {', [])).toEqual([]);
  });
});
