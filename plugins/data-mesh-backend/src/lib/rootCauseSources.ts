import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DataProductEntity,
  inputRefsOf,
  isDataProductEntity,
  processorGroupKeysOf,
  ProductConsumersResponse,
  ProductHealthResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { ComponentIndex, GroupOwner } from './ComponentIndex';
import type { RootCauseSources } from './rootCause';

/**
 * How the walk reads Kafka: the health route shares and caches its reads
 * with the other live views; the contract monitor's notices read directly.
 */
export interface RootCauseReaders {
  catalog: CatalogService;
  /** Whose view of the catalog the walk takes: the caller, or the backend. */
  credentials: BackstageCredentials;
  components: ComponentIndex;
  health(entity: DataProductEntity): Promise<ProductHealthResponse>;
  consumerLag(
    cluster: string,
    topic: string,
    ownerOf: (groupId: string) => GroupOwner | undefined,
  ): Promise<ProductConsumersResponse>;
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/**
 * The catalog and Kafka as the root cause walk (`findRootCause`) asks them:
 * a product's inputs as `credentials` may see them, their live freshness,
 * and the lag of the product's processor on an input.
 */
export function createRootCauseSources(
  readers: RootCauseReaders,
): RootCauseSources {
  const { catalog, credentials, components } = readers;
  return {
    async inputsOf(entity) {
      const refs = inputRefsOf(entity);
      if (!refs.length) return [];
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      return items.filter(
        (e): e is DataProductEntity => !!e && isDataProductEntity(e),
      );
    },
    freshnessOf: async entity => (await readers.health(entity)).freshness,
    async processorLagOf(entity, input) {
      // The processor reads its inputs on its own output cluster.
      const cluster = entity.spec.output.cluster;
      const declared = new Set(
        processorGroupKeysOf(entity).map(key => key.slice(cluster.length + 1)),
      );
      const ownerOf = await components
        .forCluster(cluster)
        .catch(() => () => undefined);
      const lag = await readers.consumerLag(
        cluster,
        input.spec.output.topic,
        ownerOf,
      );
      const ref = lower(stringifyEntityRef(entity));
      const groups = lag.groups.filter(
        g => declared.has(g.groupId) || lower(g.product ?? '') === ref,
      );
      if (declared.size || groups.length) return groups;
      // No processor declared: the groups of the owner's components.
      const consuming = lag.groups.filter(g => g.component);
      const owners = await Promise.all(
        consuming.map(g =>
          catalog
            .getEntityByRef(g.component!, { credentials })
            .then(c => (c?.spec as { owner?: unknown })?.owner)
            .catch(() => undefined),
        ),
      );
      return consuming.filter(
        (_, i) =>
          typeof owners[i] === 'string' &&
          lower(owners[i] as string) === lower(entity.spec.owner),
      );
    },
  };
}
