import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  DataProductEntity,
  inputRefsOf,
} from '@kafka-mesh/plugin-data-mesh-common';

/** A product's place in the mesh, as its Lineage tab lists it. */
export interface ProductLineage {
  /** The inputs the descriptor declares (`spec.inputs`), canonical refs. */
  inputs: string[];
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
 * catalog's relations, the same lists as the product page's Lineage tab.
 */
export function productLineage(entity: DataProductEntity): ProductLineage {
  return {
    inputs: inputRefsOf(entity),
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
