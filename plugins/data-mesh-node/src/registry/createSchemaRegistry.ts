import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { SchemaRegistryConfig } from '../config/types';

/** A Confluent-API schema registry client for the configured registry. */
export function createSchemaRegistry(
  registry: SchemaRegistryConfig,
): SchemaRegistry {
  return new SchemaRegistry({ host: registry.url, auth: registry.auth });
}
