import {
  DataProductEntity,
  inputRefsOf,
  relationLineageOf,
  RelationLineage,
} from '@kafka-mesh/plugin-data-mesh-common';

/** A product's place in the mesh, as its Lineage tab lists it. */
export interface ProductLineage extends RelationLineage {
  /** The inputs the descriptor declares (`spec.inputs`), canonical refs. */
  inputs: string[];
}

/**
 * Upstream and downstream products and consuming components from the
 * catalog's relations, the same lists as the product page's Lineage tab.
 */
export function productLineage(entity: DataProductEntity): ProductLineage {
  return {
    inputs: inputRefsOf(entity),
    ...relationLineageOf(entity),
  };
}
