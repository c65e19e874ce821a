import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { SchemaRegistryConfig } from '../config/types';
import { createAjv } from '../schema/parse/parseJsonSchema';

/** How long one request of the client may take, unless told otherwise. */
export const DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS = 10_000;

type ClientMiddleware = NonNullable<
  ConstructorParameters<typeof SchemaRegistry>[0]['middlewares']
>[number];

/**
 * A deadline on every request, which the client does not set by itself.
 * It shares one request per unknown schema id among all the decodes that
 * wait for it, and forgets that request only once it settles: without a
 * deadline, a request the registry never answers (a connection lost while
 * it was under way) would be shared by every later decode of that id, long
 * after the registry is back. A request that runs out of time fails like
 * an unreachable registry (HTTP 400 from the client, not retried).
 */
export function requestDeadline(timeoutMs: number): ClientMiddleware {
  return () => ({
    async prepareRequest(next) {
      const request = await next();
      return request.timeout()
        ? request
        : request.enhance({ timeout: timeoutMs });
    },
  });
}

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

/**
 * A Confluent-API schema registry client for the configured registry.
 *
 * @public
 */
export function createSchemaRegistry(
  registry: SchemaRegistryConfig,
  { timeoutMs = DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS } = {},
): SchemaRegistry {
  return new SchemaRegistry(
    {
      host: registry.url,
      auth: registry.auth,
      middlewares: [requestDeadline(timeoutMs)],
    },
    { [SchemaType.JSON]: { ajvInstance: jsonSchemaCompiler } },
  );
}
