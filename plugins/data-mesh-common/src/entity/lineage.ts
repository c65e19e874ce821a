import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';

/**
 * A product's neighbours in the mesh, read from the catalog's relations:
 * the lists the product page's Lineage tab shows.
 *
 * @public
 */
export interface RelationLineage {
  /** Products this one is built from (`dependsOn` → DataProduct). */
  upstreamProducts: string[];
  /** Products built from this one (`dependencyOf` → DataProduct). */
  downstreamProducts: string[];
  /**
   * Components reading the product (`dependencyOf` → Component): the
   * catalog module relates a component whose consumer-group annotation
   * names a group that reads the product's topic.
   */
  consumingComponents: string[];
}

function kindOf(ref: string): string {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
  } catch {
    return '';
  }
}

function relationTargets(entity: Entity, type: string, kind: string): string[] {
  const refs = (entity.relations ?? [])
    .filter(r => r.type === type && kindOf(r.targetRef) === kind)
    .map(r => r.targetRef);
  return [...new Set(refs)].sort();
}

/**
 * Upstream and downstream products and consuming components from the
 * entity's relations: target kinds compare case-insensitively, each list
 * sorted and without repeats.
 *
 * @public
 */
export function relationLineageOf(entity: Entity): RelationLineage {
  return {
    upstreamProducts: relationTargets(
      entity,
      RELATION_DEPENDS_ON,
      'dataproduct',
    ),
    downstreamProducts: relationTargets(
      entity,
      RELATION_DEPENDENCY_OF,
      'dataproduct',
    ),
    consumingComponents: relationTargets(
      entity,
      RELATION_DEPENDENCY_OF,
      'component',
    ),
  };
}

/**
 * The consumer groups a product names for its processor (`spec.processor`),
 * as `<cluster>/<group>` keys on its output cluster, like the consumer-groups
 * annotation of components.
 *
 * @public
 */
export function processorGroupKeysOf(entity: Entity): string[] {
  const spec = entity.spec as
    | {
        output?: { cluster?: unknown };
        processor?: { consumerGroups?: unknown };
      }
    | undefined;
  const cluster = spec?.output?.cluster;
  const groups = spec?.processor?.consumerGroups;
  if (typeof cluster !== 'string' || !Array.isArray(groups)) return [];
  return groups
    .filter((g): g is string => typeof g === 'string' && g.length > 0)
    .map(group => `${cluster}/${group}`);
}
