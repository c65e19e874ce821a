import { ConfigReader } from '@backstage/config';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';

/**
 * The `dataMesh` config for the local stack that jest's global setup started
 * (or found running); it exports the addresses through the environment.
 * Connects as the portal's principal, as the real backend does, unless a
 * test's fixtures need the broker's admin (deleting topics, consumer
 * groups of their own).
 */
export function localStackConfig(
  overrides: object = {},
  { principal = 'portal' }: { principal?: string } = {},
): ConfigReader {
  const registryUrl =
    process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
    'http://localhost:8081/apis/ccompat/v7';
  return new ConfigReader({
    dataMesh: {
      kafka: {
        clientId: 'data-mesh-tests',
        clusters: [clusterConfig(principal)],
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
