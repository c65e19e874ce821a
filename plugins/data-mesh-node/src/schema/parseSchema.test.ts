import { InputError } from '@backstage/errors';
import { parseSchema } from './parseSchema';
import { SchemaSyntaxError } from './SchemaSyntaxError';
import { formatOfSchemaType } from './schemaTypes';

describe('parseSchema', () => {
  it('accepts a valid schema of each format with its registry type', () => {
    const avro = '{"type":"record","name":"A","fields":[]}';
    expect(parseSchema('avro', avro)).toEqual({
      format: 'avro',
      schemaType: 'AVRO',
      text: avro,
    });
    expect(parseSchema('json', '{"type":"object"}').schemaType).toBe('JSON');
    expect(
      parseSchema('protobuf', 'syntax = "proto3"; message A {}').schemaType,
    ).toBe('PROTOBUF');
  });

  it('rejects a broken schema with a SchemaSyntaxError of its format', () => {
    expect(() => parseSchema('json', '{"type": }')).toThrow(
      new SchemaSyntaxError('json', "unexpected '}', expected a value", {
        line: 1,
        column: 10,
      }),
    );
    expect(() => parseSchema('protobuf', 'message {')).toThrow(
      SchemaSyntaxError,
    );
  });

  it('rejects an unknown format', () => {
    expect(() => parseSchema('xml' as any, '<a/>')).toThrow(
      new InputError(
        "'xml' is not a schema format (one of avro, json, protobuf)",
      ),
    );
  });
});

describe('formatOfSchemaType', () => {
  it('maps registry schema types, AVRO when absent', () => {
    expect(formatOfSchemaType(undefined)).toBe('avro');
    expect(formatOfSchemaType('JSON')).toBe('json');
    expect(formatOfSchemaType('PROTOBUF')).toBe('protobuf');
    expect(() => formatOfSchemaType('XML')).toThrow(
      "Unknown registry schema type 'XML'",
    );
  });
});
