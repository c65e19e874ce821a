import {
  BackstageCredentials,
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
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { DataProductProcessor } from '@kafka-mesh/plugin-catalog-backend-module-data-mesh';
import {
  DEFAULT_GOVERNANCE_RULES,
  dataMeshProductUnpublishAdminPermission,
} from '@kafka-mesh/plugin-data-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dataMeshPlugin from '../index';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { sharedStack } from './testBackend';

/**
 * The users of the tests and their ownership claims, as the portal's sign-in
 * gives them (the user and the groups they are members of).
 */
export const OWNER = 'user:default/amara.okafor'; // checkout-team
export const NON_OWNER = 'user:default/chloe.martin'; // customer-team
const CLAIMS: Record<string, string[]> = {
  [OWNER]: [OWNER, 'group:default/checkout-team'],
  [NON_OWNER]: [NON_OWNER, 'group:default/customer-team'],
};

/** Entities with this label are hidden from {@link NON_OWNER} by the catalog. */
export const RESTRICTED_LABEL = 'restricted';

/** The org of the tests: the owning groups, with their profiles. */
export const testGroups: Entity[] = [
  ['checkout-team', 'Checkout', 'checkout@example.com'],
  ['customer-team', 'Customers', 'customers@example.com'],
  ['payments-team', 'Payments', 'payments@example.com'],
].map(([name, displayName, email]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName, email }, children: [] },
}));

/**
 * Answers like the portal's policy (`DataMeshPermissionPolicy` of
 * @kafka-mesh/plugin-permission-backend-module-data-mesh-policy):
 * changing a product is for its owners, unpublishing a consumed one for
 * admins (none here), everything else is allowed; and the catalog hides
 * restricted entities from the non-owner, so that "may not see" is tested
 * through the catalog's own read permission.
 */
const policy: PermissionsService = {
  async authorize(requests) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
  },
  async authorizeConditional(requests, options) {
    const credentials = options?.credentials as BackstageCredentials;
    const user = (
      credentials?.principal as { userEntityRef?: string } | undefined
    )?.userEntityRef;
    const claims = (user && CLAIMS[user]) || [];
    return requests.map(({ permission }): PolicyDecision => {
      const resource = permission as ResourcePermission<'catalog-entity'>;
      if (permission.name === 'catalog.entity.read') {
        return user === NON_OWNER
          ? createCatalogConditionalDecision(resource, {
              not: catalogConditions.hasLabel({ label: RESTRICTED_LABEL }),
            })
          : { result: AuthorizeResult.ALLOW };
      }
      if (permission.name === dataMeshProductUnpublishAdminPermission.name) {
        return { result: AuthorizeResult.DENY };
      }
      if (permission.name.startsWith('datamesh.product.')) {
        return createCatalogConditionalDecision(
          resource,
          catalogConditions.isEntityOwner({ claims }),
        );
      }
      return { result: AuthorizeResult.ALLOW };
    }) as any;
  },
};

/**
 * The catalog's DataProduct kind with its relations (owner, domain,
 * lineage), from the catalog module's own processor: without the module's
 * Kafka-backed provider, the products are hand-written in a catalog file.
 */
const dataProductKind = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-data-product-processor',
  register(reg) {
    reg.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addProcessor(
          new DataProductProcessor(async () => [], DEFAULT_GOVERNANCE_RULES),
        );
      },
    });
  },
});

export interface ActionAnswer<T = any> {
  status: number;
  /** The action's output (status 200). */
  output: T;
  /** The error Backstage answered with (status 4xx/5xx). */
  error?: { name: string; message: string };
}

export interface ActionsTestBackend {
  /**
   * Invokes `data-mesh:<name>` through the actions registry's own HTTP
   * route, as the MCP server does, as the given user (null: with an
   * invalid token).
   */
  invoke<T = any>(
    name: string,
    input: unknown,
    user?: string | null,
  ): Promise<ActionAnswer<T>>;
  /** The actions the plugin lists, as the MCP server asks for them. */
  list(): Promise<Array<{ id: string; name: string; attributes: object }>>;
  stop(): Promise<void>;
}

/**
 * The real catalog (in-memory SQLite, `entities` from a catalog file, with
 * the DataProduct processor), the data mesh plugin on the shared Kafka and
 * registry, and the real actions registry, under a stand-in of the
 * portal's permission policy.
 */
export async function startActionsBackend(options: {
  entities: Entity[];
  /** The writer's registry topic: dry runs must leave it untouched. */
  registryTopic: string;
}): Promise<ActionsTestBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-actions-'));
  const file = path.join(dir, 'catalog-info.json');
  fs.writeFileSync(
    file,
    [...testGroups, ...options.entities]
      .map(e => JSON.stringify(e))
      .join('\n---\n'),
  );
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      dataProductKind,
      dataMeshPlugin,
      schedulerServiceFactory,
      mockServices.permissions.mock(policy).factory,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['Group', 'DataProduct', 'Location'] }],
            locations: [{ type: 'file', target: file }],
          },
          dataMesh: {
            registryTopic: options.registryTopic,
            kafka: {
              clientId: 'data-mesh-actions-test',
              // As the portal's principal, as the real backend runs.
              clusters: [clusterConfig('portal')],
            },
            schemaRegistry: { url: sharedStack.registryUrl },
          },
        },
      }),
    ],
  }).catch(error => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://localhost:${port}/api/data-mesh/.backstage/actions/v1`;
  // The test backend's mock httpAuth takes a request without a token for a
  // default user; an invalid token is what it refuses, as the real one
  // refuses a missing token.
  const auth = (user: string | null): Record<string, string> => ({
    Authorization:
      user === null
        ? mockCredentials.user.invalidHeader()
        : mockCredentials.user.header(user),
  });
  return {
    async invoke(name, input, user = OWNER) {
      const res = await fetch(
        `${base}/actions/${encodeURIComponent(`data-mesh:${name}`)}/invoke`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...auth(user) },
          body: JSON.stringify(input),
        },
      );
      const body = await res.json().catch(() => undefined);
      return { status: res.status, output: body?.output, error: body?.error };
    },
    async list() {
      const res = await fetch(`${base}/actions`, { headers: auth(OWNER) });
      return (await res.json()).actions;
    },
    async stop() {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The input of an action's example, a copy to change. */
export function exampleInput<T>(
  examples: Array<{ input: T }>,
  index: number,
): T {
  return structuredClone(examples[index].input);
}
