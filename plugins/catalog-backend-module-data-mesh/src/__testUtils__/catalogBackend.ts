import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleDataMesh } from '../module/catalogModuleDataMesh';

export interface TestCatalog {
  /** GET from the catalog plugin's API; undefined on 404. */
  get<T = unknown>(pathname: string): Promise<{ status: number; body: T }>;
  entity(ref: string): Promise<Entity | undefined>;
  stop(): Promise<void>;
}

/**
 * The real catalog backend (in-memory SQLite) with this module, reading the
 * given Kafka and registry; `entities` are served from a catalog file, as
 * hand-written catalog-info.yaml would be.
 */
export async function startTestCatalog(options: {
  brokers: string;
  registryUrl: string;
  registryTopic: string;
  entities?: Entity[];
}): Promise<TestCatalog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-catalog-'));
  const file = path.join(dir, 'catalog-info.json');
  fs.writeFileSync(
    file,
    (options.entities ?? []).map(e => JSON.stringify(e)).join('\n---\n'),
  );
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDataMesh,
      // The real scheduler: the module's consumer group refresh runs on it.
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
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
                { name: 'local', brokers: options.brokers.split(',') },
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
  const get = async <T>(pathname: string) => {
    const res = await fetch(`http://localhost:${port}/api/catalog${pathname}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => undefined)) as T,
    };
  };
  return {
    get,
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
