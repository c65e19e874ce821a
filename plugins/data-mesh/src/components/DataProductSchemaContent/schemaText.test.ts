import { prettySchema, schemaLanguage } from './schemaText';

describe('prettySchema', () => {
  it('indents JSON schemas and keeps other text as registered', () => {
    expect(prettySchema('{"type":"record","name":"A"}')).toBe(
      '{\n  "type": "record",\n  "name": "A"\n}',
    );
    const proto = 'syntax = "proto3";\nmessage A { string id = 1; }';
    expect(prettySchema(proto)).toBe(proto);
  });
});

describe('schemaLanguage', () => {
  it('highlights Avro and JSON Schema as JSON, protobuf as protobuf', () => {
    expect(schemaLanguage('avro')).toBe('json');
    expect(schemaLanguage('json')).toBe('json');
    expect(schemaLanguage('protobuf')).toBe('protobuf');
  });
});
