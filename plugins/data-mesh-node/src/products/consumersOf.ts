import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DATA_PRODUCT_KIND } from '@kafka-mesh/plugin-data-mesh-common';
import { CatalogReader, entitiesByRef } from './catalogLookups';

/** Kinds that depend on a product by reading it: apps and downstream products. */
const CONSUMER_KINDS = [
  'component',
  DATA_PRODUCT_KIND.toLocaleLowerCase('en-US'),
];

/**
 * The owners of everything that reads a product, from the catalog's
 * `dependencyOf` relations: Components whose consumer groups read the topic
 * (the catalog module's consumer processor) and products that declare it
 * as an input. Sorted, without duplicates. Used for deprecation notices
 * and the contract monitor's notices.
 *
 * @public
 */
export async function ownersOfConsumers(
  reader: CatalogReader,
  product: Entity,
): Promise<{ consumers: string[]; owners: string[] }> {
  const consumers = (product.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDENCY_OF)
    .map(r => r.targetRef)
    .filter(ref => CONSUMER_KINDS.includes(parseEntityRef(ref).kind));
  const entities = await entitiesByRef(reader, consumers);
  const owners = new Set<string>();
  for (const entity of entities.values()) {
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string') continue;
    owners.add(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
        }),
      ),
    );
  }
  return {
    consumers: [...new Set(consumers)].sort(),
    owners: [...owners].sort(),
  };
}
