import {
  BackendFeature,
  createBackendModule,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  Permission,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { DATA_PRODUCT_KIND } from '@kafka-mesh/plugin-data-mesh-common';
import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig, StackClientConfig } from '@kafka-mesh/local-stack';
import type { Kafka } from 'kafkajs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dataMeshPlugin from '../index';

/** Decides one permission by name; everything else (the catalog's own) is allowed. */
export type PermissionDecider = (
  permission: Permission,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * Lets the catalog accept DataProduct entities from a catalog file without
 * the whole data mesh catalog module (and its Kafka-backed provider).
 */
const acceptDataProducts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-data-product-kind',
  register(reg) {
    reg.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addProcessor({
          getProcessorName: () => 'TestDataProductKind',
          validateEntityKind: async entity => entity.kind === DATA_PRODUCT_KIND,
        });
      },
    });
  },
});

export interface TestResponse<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface TestDataMeshBackend {
  /** GET from `/api/data-mesh`, as a signed-in user. */
  get<T = any>(pathname: string): Promise<TestResponse<T>>;
  /** POST to `/api/data-mesh`, as a signed-in user; a string body is sent as is. */
  post<T = any>(pathname: string, body: unknown): Promise<TestResponse<T>>;
  stop(): Promise<void>;
}

/** One entry of `dataMesh.kafka.clusters` for a stack's principal. */
export type TestCluster = StackClientConfig & { name: string };

/**
 * A kafkajs client for a test's own fixtures (creating and deleting topics,
 * producing test data, consumer groups of pretend applications): the
 * broker's admin, so that only the backend under test depends on the
 * portal's ACLs. Give an isolated stack's `clusterConfig('admin')` for a
 * private stack.
 */
export function fixtureKafka(
  cluster: TestCluster = clusterConfig('admin'),
): Kafka {
  return createKafka(cluster, { clientId: 'data-mesh-backend-it-fixtures' });
}

/**
 * The real catalog (in-memory SQLite, entities from a catalog file) and the
 * data mesh backend, reading the given Kafka (as the portal's principal
 * unless told otherwise) and registry.
 */
export async function startDataMeshBackend(options: {
  /** The backend's cluster `local`; default the shared stack as the portal. */
  cluster?: TestCluster;
  registryUrl: string;
  registryAuth?: { username: string; password: string };
  entities: Entity[];
  decide?: PermissionDecider;
  /**
   * Which catalog entities may be read, as the conditions of a conditional
   * decision on `catalog.entity.read`, asked at every read; undefined → all.
   */
  catalogRead?: () => PermissionCriteria<PermissionCondition> | undefined;
  /** `dataMesh.governance`; none → the defaults. */
  governance?: JsonObject;
  /** `dataMesh.monitor`; none → the defaults. */
  monitor?: JsonObject;
  /**
   * More features, e.g. a service factory that replaces a default one
   * (such as the data mesh's request limits, to hold them in a test).
   */
  features?: BackendFeature[];
}): Promise<TestDataMeshBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-backend-'));
  const file = path.join(dir, 'catalog-info.json');
  fs.writeFileSync(
    file,
    options.entities.map(e => JSON.stringify(e)).join('\n---\n'),
  );
  const decide = options.decide ?? (() => AuthorizeResult.ALLOW);
  const permissions: PermissionsService = {
    async authorize(requests) {
      return requests.map(r => ({ result: decide(r.permission) })) as any;
    },
    async authorizeConditional(requests) {
      const conditions = options.catalogRead?.();
      return requests.map(r =>
        conditions && r.permission.name === 'catalog.entity.read'
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions,
            }
          : { result: AuthorizeResult.ALLOW },
      ) as any;
    },
  };
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      acceptDataProducts,
      dataMeshPlugin,
      schedulerServiceFactory,
      ...(options.features ?? []),
      mockServices.permissions.mock(permissions).factory,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['Component', 'DataProduct', 'Location'] }],
            locations: [{ type: 'file', target: file }],
          },
          dataMesh: {
            kafka: {
              clientId: 'data-mesh-backend-it',
              clusters: [
                {
                  ...(options.cluster ?? clusterConfig('portal')),
                  name: 'local',
                },
              ],
            },
            schemaRegistry: {
              url: options.registryUrl,
              ...(options.registryAuth && { auth: options.registryAuth }),
            },
            ...(options.governance && { governance: options.governance }),
            ...(options.monitor && { monitor: options.monitor }),
          },
        },
      }),
    ],
  }).catch(error => {
    // A backend that failed to start leaves no catalog file behind.
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const request = async (pathname: string, init: RequestInit = {}) => {
    const res = await fetch(
      `http://localhost:${port}/api/data-mesh${pathname}`,
      {
        ...init,
        headers: {
          ...init.headers,
          Authorization: mockCredentials.user.header(),
        },
      },
    );
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text, headers: res.headers };
  };
  return {
    get: pathname => request(pathname),
    post: (pathname, body) =>
      request(pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async stop() {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The shared local stack's registry, as jest's global setup exported it
 * (or the default of `yarn stack`); its Kafka principals come from
 * clusterConfig (the backend: `portal`) and fixtureKafka (`admin`).
 */
export const sharedStack = {
  registryUrl:
    process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
    'http://localhost:8081/apis/ccompat/v7',
};
