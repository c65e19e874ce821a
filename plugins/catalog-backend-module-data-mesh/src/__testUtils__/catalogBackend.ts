import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createKafka,
  KafkaService,
  kafkaServiceRef,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig, StackClientConfig } from '@kafka-mesh/local-stack';
import type { Kafka } from 'kafkajs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleDataMesh } from '../module/catalogModuleDataMesh';

/** An answer of the catalog plugin's API; `body` is undefined unless JSON. */
export interface TestResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestCatalog {
  /** The catalog plugin's base URL, `http://localhost:<port>/api/catalog`. */
  baseUrl: string;
  /** GET from the catalog plugin's API; undefined on 404. */
  get<T = unknown>(pathname: string): Promise<TestResponse<T>>;
  /** Any request to the catalog plugin's API, with a JSON body if given. */
  request<T = unknown>(
    method: string,
    pathname: string,
    body?: unknown,
  ): Promise<TestResponse<T>>;
  entity(ref: string): Promise<Entity | undefined>;
  /**
   * The backend's Kafka service, the very one the module uses: a test can
   * make calls on it as the backend plugin's routes would.
   */
  kafka: KafkaService;
  /**
   * Runs the module's scheduled enrichment refresh now, as its schedule
   * would; resolves once the scheduler has taken the request.
   */
  triggerRefresh(): Promise<void>;
  stop(): Promise<void>;
}

/** One entry of `dataMesh.kafka.clusters` for a stack's principal. */
export type TestCluster = StackClientConfig & { name: string };

/**
 * A kafkajs client for a test's own fixtures (creating and deleting topics,
 * producing test data, writing descriptors straight to a registry topic,
 * consuming as a pretend application): the broker's admin, so that only
 * the module under test depends on the portal's ACLs. Give an isolated
 * stack's `clusterConfig('admin')` for a private stack.
 */
export function fixtureKafka(
  cluster: TestCluster = clusterConfig('admin'),
  options: { retries?: number } = {},
): Kafka {
  return createKafka(cluster, {
    clientId: 'data-mesh-it-fixtures',
    ...options,
  });
}

/**
 * The real catalog backend (in-memory SQLite) with this module, reading the
 * given Kafka (as the portal's principal unless told otherwise) and registry; `entities` are served from a catalog file, as
 * hand-written catalog-info.yaml would be. With `databaseDir`, the catalog
 * keeps its SQLite files there, so a second catalog started on the same
 * directory finds what the first one stored, as after a restart.
 */
export async function startTestCatalog(options: {
  /** The module's cluster `local`; default the shared stack as the portal. */
  cluster?: TestCluster;
  registryUrl: string;
  registryTopic: string;
  entities?: Entity[];
  databaseDir?: string;
}): Promise<TestCatalog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-catalog-'));
  const file = path.join(dir, 'catalog-info.json');
  fs.writeFileSync(
    file,
    (options.entities ?? []).map(e => JSON.stringify(e)).join('\n---\n'),
  );
  let kafka: KafkaService | undefined;
  const kafkaProbe = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'data-mesh-test-kafka',
    register(reg) {
      reg.registerInit({
        deps: { service: kafkaServiceRef },
        async init({ service }) {
          kafka = service;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDataMesh,
      kafkaProbe,
      // The real scheduler: the module's consumer group refresh runs on it.
      schedulerServiceFactory,
      ...(options.databaseDir ? [databaseServiceFactory] : []),
      mockServices.rootConfig.factory({
        data: {
          ...(options.databaseDir && {
            backend: {
              database: {
                client: 'better-sqlite3',
                connection: { directory: options.databaseDir },
              },
            },
          }),
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'Group',
                  'Domain',
                  'System',
                  'DataProduct',
                  'Location',
                ],
              },
            ],
            locations: [{ type: 'file', target: file }],
          },
          dataMesh: {
            registryTopic: options.registryTopic,
            kafka: {
              clientId: 'data-mesh-it',
              clusters: [
                {
                  ...(options.cluster ?? clusterConfig('portal')),
                  name: 'local',
                },
              ],
            },
            schemaRegistry: {
              url: options.registryUrl,
              // As app-config.yaml configures it for the local stack.
              storageTopic: { cluster: 'local', topic: 'kafkasql-journal' },
            },
            catalog: {
              consumerGroupSchedule: {
                frequency: { seconds: 2 },
                timeout: { seconds: 30 },
              },
            },
          },
        },
      }),
    ],
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const request = async <T>(
    method: string,
    pathname: string,
    body?: unknown,
  ): Promise<TestResponse<T>> => {
    const res = await fetch(`http://localhost:${port}/api/catalog${pathname}`, {
      method,
      headers: {
        Authorization: mockCredentials.user.header(),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json().catch(() => undefined)) as T,
    };
  };
  const get = <T>(pathname: string) => request<T>('GET', pathname);
  return {
    baseUrl: `http://localhost:${port}/api/catalog`,
    get,
    request,
    kafka: kafka!,
    async triggerRefresh() {
      // 409 while a run is under way; the caller's `eventually` asks again.
      const { status } = await request(
        'POST',
        '/.backstage/scheduler/v1/tasks/data-mesh-enrichment/trigger',
      );
      if (status !== 200) {
        throw new Error(`triggering the enrichment refresh answered ${status}`);
      }
    },
    async entity(ref) {
      const [kind, rest] = ref.split(':');
      const res = await get<Entity>(`/entities/by-name/${kind}/${rest}`);
      return res.status === 200 ? res.body : undefined;
    },
    async stop() {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
