import {
  DataProductEntity,
  inputRefsOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Every published product the providers know, by canonical entity ref, with
 * the reverse edges of lineage so that a change can find what it affects
 * without scanning all products. Shared by the providers of all clusters
 * (lineage crosses clusters) and by the processors.
 */
export class ProductIndex {
  private readonly products = new Map<string, DataProductEntity>();
  /** input ref → refs of the products that read it */
  private readonly readers = new Map<string, Set<string>>();
  /** `<cluster>/<topic>` → refs of the products published on it */
  private readonly onTopic = new Map<string, Set<string>>();

  get(ref: string): DataProductEntity | undefined {
    return this.products.get(ref);
  }

  has(ref: string): boolean {
    return this.products.has(ref);
  }

  set(entity: DataProductEntity): string {
    const ref = stringifyEntityRef(entity);
    this.delete(ref);
    this.products.set(ref, entity);
    for (const input of inputRefsOf(entity)) addTo(this.readers, input, ref);
    addTo(this.onTopic, topicKey(entity), ref);
    return ref;
  }

  delete(ref: string): void {
    const previous = this.products.get(ref);
    if (!previous) return;
    this.products.delete(ref);
    for (const input of inputRefsOf(previous)) {
      removeFrom(this.readers, input, ref);
    }
    removeFrom(this.onTopic, topicKey(previous), ref);
  }

  /** The refs given plus every product downstream of them. */
  withDownstream(refs: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const queue = [...refs];
    while (queue.length) {
      const ref = queue.pop()!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      for (const reader of this.readers.get(ref) ?? []) queue.push(reader);
    }
    return seen;
  }

  /** The topics of one cluster that carry a product. */
  productTopics(cluster: string): Set<string> {
    const prefix = `${cluster}/`;
    return new Set(
      [...this.onTopic.keys()]
        .filter(key => key.startsWith(prefix))
        .map(key => key.slice(prefix.length)),
    );
  }

  /** Refs of the products whose output is the given topic. */
  productsOnTopic(cluster: string, topic: string): string[] {
    return [...(this.onTopic.get(`${cluster}/${topic}`) ?? [])];
  }
}

function topicKey(entity: DataProductEntity): string {
  return `${entity.spec.output.cluster}/${entity.spec.output.topic}`;
}

function addTo(map: Map<string, Set<string>>, key: string, ref: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(ref);
}

function removeFrom(map: Map<string, Set<string>>, key: string, ref: string) {
  const set = map.get(key);
  set?.delete(ref);
  if (set?.size === 0) map.delete(key);
}
