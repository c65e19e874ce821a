import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  parseProductId,
  productIdOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  parseDescriptorRecord,
  type RegistryRecord,
} from '@kafka-mesh/plugin-data-mesh-node';

/**
 * A product whose newest record was rejected, so the catalog shows its last
 * valid descriptor instead. The topic is compacted: once compaction removes
 * that valid record, a re-read (a restart) no longer finds the product.
 *
 * @public
 */
export interface RejectedUpdate {
  /** The product id, `<namespace>/<name>`. */
  product: string;
  /** Where the rejected record is. */
  partition: number;
  offset: string;
  reason: string;
}

/** What one record did to the state. */
export type RecordOutcome =
  | { type: 'applied'; ref: string }
  | { type: 'rejected'; reason: string };

export function refOfProductId(id: string): string {
  return stringifyEntityRef({ kind: DATA_PRODUCT_KIND, ...parseProductId(id) });
}

/**
 * The products of one cluster's registry topic, folded record by record in
 * log order. Besides the descriptors it keeps which product owns which topic
 * (one topic, one product: the first published keeps it) and which products
 * are shown at a descriptor that a later, rejected record superseded.
 *
 * Pure: every replica reading the same records ends in the same state.
 */
export class RegistryState {
  /** Entity ref → descriptor. */
  private readonly products = new Map<string, DataProductEntity>();
  /** Topic (of this cluster) → ref of the product that owns it. */
  private readonly owners = new Map<string, string>();
  /** Entity ref → the rejected record that superseded its descriptor. */
  private readonly rejected = new Map<string, RejectedUpdate>();

  constructor(private readonly cluster: string) {}

  get size(): number {
    return this.products.size;
  }

  get(ref: string): DataProductEntity | undefined {
    return this.products.get(ref);
  }

  has(ref: string): boolean {
    return this.products.has(ref);
  }

  refs(): string[] {
    return [...this.products.keys()];
  }

  /** Ref of the product that owns a topic of this cluster, if any. */
  ownerOf(topic: string): string | undefined {
    return this.owners.get(topic);
  }

  /** Products kept at their last valid descriptor, by product id. */
  rejectedUpdates(): RejectedUpdate[] {
    return [...this.rejected.values()].sort((a, b) =>
      a.product.localeCompare(b.product),
    );
  }

  apply(record: RegistryRecord): RecordOutcome {
    const parsed = parseDescriptorRecord(record.key, record.value);
    if (parsed.type === 'tombstone') {
      const ref = refOfProductId(parsed.id);
      this.remove(ref);
      this.rejected.delete(ref);
      return { type: 'applied', ref };
    }
    if (parsed.type === 'invalid') {
      return this.reject(record, parsed.reason, parsed.id);
    }
    const { entity, id } = parsed;
    const { cluster, topic } = entity.spec.output;
    if (cluster !== this.cluster) {
      return this.reject(
        record,
        `spec.output.cluster: '${cluster}' is not the cluster whose registry topic holds the descriptor ('${this.cluster}')`,
        id,
      );
    }
    const ref = stringifyEntityRef(entity);
    const owner = this.owners.get(topic);
    if (owner !== undefined && owner !== ref) {
      return this.reject(
        record,
        `spec.output.topic: topic '${topic}' on cluster '${cluster}' is the output of ${owner}, published earlier; ` +
          `one topic, one product: publish this product on another topic, or unpublish the other one first`,
        id,
      );
    }
    this.remove(ref);
    this.products.set(ref, entity);
    this.owners.set(topic, ref);
    this.rejected.delete(ref);
    return { type: 'applied', ref };
  }

  private remove(ref: string): void {
    const previous = this.products.get(ref);
    if (!previous) return;
    this.products.delete(ref);
    const topic = previous.spec.output.topic;
    if (this.owners.get(topic) === ref) this.owners.delete(topic);
  }

  /**
   * A rejected record changes nothing, but when its key names a product we
   * hold, that product now stands on an older record than the newest one.
   */
  private reject(
    record: RegistryRecord,
    reason: string,
    id: string | undefined,
  ): RecordOutcome {
    const ref = id === undefined ? undefined : refOfProductId(id);
    const kept = ref === undefined ? undefined : this.products.get(ref);
    if (ref !== undefined && kept) {
      this.rejected.set(ref, {
        product: productIdOf(kept),
        partition: record.partition,
        offset: record.offset,
        reason,
      });
    }
    return { type: 'rejected', reason };
  }
}
