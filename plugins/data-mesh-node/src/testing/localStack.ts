import { ConfigReader } from '@backstage/config';
import { randomUUID } from 'node:crypto';

/**
 * The `dataMesh` config for the local stack that jest's global setup started
 * (or found running); it exports the addresses through the environment.
 */
export function localStackConfig(overrides: object = {}): ConfigReader {
  const brokers = process.env.DATA_MESH_KAFKA_BROKERS ?? 'localhost:9092';
  const registryUrl =
    process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
    'http://localhost:8081/apis/ccompat/v7';
  return new ConfigReader({
    dataMesh: {
      kafka: {
        clientId: 'data-mesh-tests',
        clusters: [{ name: 'local', brokers: brokers.split(',') }],
      },
      schemaRegistry: { url: registryUrl },
      ...overrides,
    },
  });
}

/** A topic or subject name no other test run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}
