import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { SchemaRegistryConfig } from '../config/types';
import { createAjv } from '../schema/parse/parseJsonSchema';

/**
 * Compiles each JSON Schema with an Ajv of its own dialect and the standard
 * formats. The client's default (one strict draft-07 Ajv) rejects schemas
 * that use `format: email` or 2020-12, so their records would not decode.
 */
const jsonSchemaCompiler = {
  compile: (schema: any) => createAjv(schema).compile(schema),
  addSchema: (): never => {
    throw new Error('JSON Schema references are not supported');
  },
};

/** A Confluent-API schema registry client for the configured registry. */
export function createSchemaRegistry(
  registry: SchemaRegistryConfig,
): SchemaRegistry {
  return new SchemaRegistry(
    { host: registry.url, auth: registry.auth },
    { [SchemaType.JSON]: { ajvInstance: jsonSchemaCompiler } },
  );
}
