import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The `schemaType` a Confluent-API registry stores with a schema.
 *
 * @public
 */
export type RegistrySchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

/**
 * Registry schema types by the format names of the DataProduct entity.
 *
 * @public
 */
export const SCHEMA_TYPE_OF_FORMAT: Record<OutputFormat, RegistrySchemaType> = {
  avro: 'AVRO',
  json: 'JSON',
  protobuf: 'PROTOBUF',
};

/**
 * The entity's format name of a registry schema type; AVRO when absent.
 *
 * @public
 */
export function formatOfSchemaType(
  schemaType: string | undefined,
): OutputFormat {
  switch (schemaType ?? 'AVRO') {
    case 'AVRO':
      return 'avro';
    case 'JSON':
      return 'json';
    case 'PROTOBUF':
      return 'protobuf';
    default:
      throw new TypeError(`Unknown registry schema type '${schemaType}'`);
  }
}
