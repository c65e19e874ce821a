import { OUTPUT_FORMATS } from '@kafka-mesh/plugin-data-mesh-common';
import { checkSchemaSyntax } from './checkSchemaSyntax';
import { isUntouchedSchema, starterSchema } from './starterSchemas';

describe('starterSchema', () => {
  it.each(OUTPUT_FORMATS)(
    'gives a %s starter without syntax errors',
    format => {
      expect(starterSchema(format)).toContain('Event');
      expect(checkSchemaSyntax(format, starterSchema(format))).toBeUndefined();
    },
  );

  it('writes Avro as a record and JSON Schema as an object', () => {
    expect(JSON.parse(starterSchema('avro')).type).toBe('record');
    expect(JSON.parse(starterSchema('json')).type).toBe('object');
    expect(starterSchema('protobuf')).toMatch(/^syntax = "proto3";/);
  });
});

describe('isUntouchedSchema', () => {
  it('is true for empty text and the starters only', () => {
    expect(isUntouchedSchema(undefined)).toBe(true);
    expect(isUntouchedSchema('  \n')).toBe(true);
    expect(isUntouchedSchema(starterSchema('json'))).toBe(true);
    expect(isUntouchedSchema('{"type": "string"}')).toBe(false);
  });
});
