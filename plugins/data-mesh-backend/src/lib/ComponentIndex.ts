import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_CONSUMER_GROUPS } from '@kafka-mesh/plugin-data-mesh-common';

/** `<cluster>/<group>` → component ref, from a list of annotated entities. */
export function indexConsumerGroups(
  entities: Array<{
    kind: string;
    metadata: {
      name: string;
      namespace?: string;
      annotations?: Record<string, string>;
    };
  }>,
): Map<string, string> {
  const index = new Map<string, string>();
  for (const entity of entities) {
    const value = entity.metadata.annotations?.[ANNOTATION_CONSUMER_GROUPS];
    if (!value) continue;
    const ref = stringifyEntityRef({
      kind: entity.kind,
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    });
    for (const key of value
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)) {
      if (!index.has(key)) index.set(key, ref);
    }
  }
  return index;
}

/**
 * Which catalog component is annotated with each consumer group. Asks the
 * catalog once per `ttlMs` (with the backend's own credentials) for every
 * component that carries the annotation.
 */
export class ComponentIndex {
  private cached?: { at: number; index: Promise<Map<string, string>> };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A lookup from group id to component ref for one cluster. */
  async forCluster(
    cluster: string,
  ): Promise<(groupId: string) => string | undefined> {
    const index = await this.index();
    return groupId => index.get(`${cluster}/${groupId}`);
  }

  private index(): Promise<Map<string, string>> {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) {
      return this.cached.index;
    }
    const index = this.load();
    this.cached = { at: this.now(), index };
    // A failed lookup is not kept.
    index.catch(() => {
      if (this.cached?.index === index) this.cached = undefined;
    });
    return index;
  }

  private async load(): Promise<Map<string, string>> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_CONSUMER_GROUPS}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return indexConsumerGroups(items);
  }
}
