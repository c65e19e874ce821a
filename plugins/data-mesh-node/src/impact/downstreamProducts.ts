import {
  inputRefsOf,
  type DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';

/** A product that reads the changed product, directly or through others. */
export interface DownstreamProduct {
  /** `dataproduct:<namespace>/<name>` */
  ref: string;
  owner: string;
  /** 1: reads the product itself; 2: reads a reader; … */
  depth: number;
  /** The ref of the product it reads on the way. */
  via: string;
}

const refOf = (namespace: string, name: string) =>
  `dataproduct:${namespace}/${name}`.toLocaleLowerCase('en-US');

function entityRefOf(entity: DataProductEntity): string {
  return refOf(entity.metadata.namespace ?? 'default', entity.metadata.name);
}

/** The input refs of a product, canonical; a malformed ref is skipped. */
function readsFrom(entity: DataProductEntity): string[] {
  try {
    return inputRefsOf(entity).map(ref => ref.toLocaleLowerCase('en-US'));
  } catch {
    return [];
  }
}

/**
 * The products whose `spec.inputs` include the product, transitively
 * (breadth first, each once, at most `maxDepth` steps), with their owners.
 *
 * @public
 */
export function downstreamProducts(
  product: DataProductEntity,
  products: readonly DataProductEntity[],
  { maxDepth = 10 } = {},
): DownstreamProduct[] {
  const readers = new Map<string, DataProductEntity[]>();
  for (const candidate of products) {
    for (const input of readsFrom(candidate)) {
      readers.set(input, [...(readers.get(input) ?? []), candidate]);
    }
  }
  const start = entityRefOf(product);
  const seen = new Set([start]);
  const found: DownstreamProduct[] = [];
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: string[] = [];
    for (const via of frontier) {
      for (const reader of readers.get(via) ?? []) {
        const ref = entityRefOf(reader);
        if (seen.has(ref)) continue;
        seen.add(ref);
        next.push(ref);
        found.push({ ref, owner: reader.spec.owner, depth, via });
      }
    }
    frontier = next;
  }
  return found;
}
