import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONSUMER_GROUPS,
  DATA_PRODUCT_KIND,
  processorGroupKeysOf,
} from '@kafka-mesh/plugin-data-mesh-common';

/** Who a consumer group belongs to in the catalog. */
export interface GroupOwner {
  /** The component annotated with the group. */
  component?: string;
  /** The data product whose processor the group is (`spec.processor`). */
  product?: string;
}

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
 * `<cluster>/<group>` → ref of the data product naming the group as its
 * processor's, from a list of DataProduct entities.
 */
export function indexProcessorGroups(
  entities: Array<{
    kind: string;
    metadata: { name: string; namespace?: string };
    spec?: unknown;
  }>,
): Map<string, string> {
  const index = new Map<string, string>();
  for (const entity of entities) {
    const ref = stringifyEntityRef({
      kind: entity.kind,
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    });
    for (const key of processorGroupKeysOf(entity as any)) {
      if (!index.has(key)) index.set(key, ref);
    }
  }
  return index;
}

interface Indexes {
  components: Map<string, string>;
  products: Map<string, string>;
}

/**
 * Which catalog component is annotated with each consumer group, and which
 * data product names it as its processor's. Asks the catalog once per
 * `ttlMs` (with the backend's own credentials) for every component that
 * carries the annotation and every product that names processor groups.
 */
export class ComponentIndex {
  private cached?: { at: number; index: Promise<Indexes> };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A lookup from group id to its component and product for one cluster. */
  async forCluster(
    cluster: string,
  ): Promise<(groupId: string) => GroupOwner | undefined> {
    const { components, products } = await this.index();
    return groupId => {
      const key = `${cluster}/${groupId}`;
      const component = components.get(key);
      const product = products.get(key);
      if (!component && !product) return undefined;
      return { ...(component && { component }), ...(product && { product }) };
    };
  }

  private index(): Promise<Indexes> {
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

  private async load(): Promise<Indexes> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const [components, products] = await Promise.all([
      this.catalog.getEntities(
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
      { credentials },
      ),
      this.catalog.getEntities(
        {
          filter: {
            kind: DATA_PRODUCT_KIND,
            'spec.processor.consumerGroups': CATALOG_FILTER_EXISTS,
          },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.output.cluster',
            'spec.processor',
          ],
        },
        { credentials },
      ),
    ]);
    return {
      components: indexConsumerGroups(components.items),
      products: indexProcessorGroups(products.items),
    };
  }
}
