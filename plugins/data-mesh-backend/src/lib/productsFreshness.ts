import type { CacheService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DataProductEntity,
  parseIsoDuration,
  ProductFreshness,
} from '@kafka-mesh/plugin-data-mesh-common';
import { judgeFreshness } from './freshness';
import type { KafkaService } from '@kafka-mesh/plugin-data-mesh-node';
import { readNewestRecordAt, TailReadOptions } from './newestRecords';

/** What the cache holds per output topic; `null` when it has no record. */
type CachedNewest = { newestAt: number | null };

export interface ProductsFreshnessOptions extends TailReadOptions {
  kafka: Pick<KafkaService, 'cluster'>;
  cache: Pick<CacheService, 'get' | 'set'>;
  /** How long a topic's newest record time is reused. */
  ttlMs: number;
  now?: () => number;
}

/** The output topics of the products, grouped by cluster. */
export function topicsByCluster(
  products: Iterable<DataProductEntity>,
): Map<string, string[]> {
  const grouped = new Map<string, Set<string>>();
  for (const { spec } of products) {
    const topics = grouped.get(spec.output.cluster) ?? new Set<string>();
    grouped.set(spec.output.cluster, topics);
    topics.add(spec.output.topic);
  }
  return new Map([...grouped].map(([cluster, t]) => [cluster, [...t]]));
}

/**
 * The live freshness of many products at once. Only the time of each output
 * topic's newest record is read from Kafka; it is cached for a few seconds
 * and a read under way is shared, so the same page polled by many viewers
 * reads each topic once. The topics not cached are read per cluster: their
 * offsets a few at a time, their newest records with one consumer.
 */
export class ProductsFreshness {
  private readonly inFlight = new Map<string, Promise<number | undefined>>();

  constructor(private readonly options: ProductsFreshnessOptions) {}

  /** The freshness of each product, under the key it is given with. */
  async read(
    products: ReadonlyMap<string, DataProductEntity>,
  ): Promise<Record<string, ProductFreshness>> {
    const newest = await this.newestRecordTimes(products.values());
    const observedAt = (this.options.now ?? Date.now)();
    const items: Record<string, ProductFreshness> = {};
    for (const [key, entity] of products) {
      const { cluster, topic } = entity.spec.output;
      const slaFreshness = entity.spec.sla.freshness;
      const newestAt = newest.get(topicKey(cluster, topic));
      const { status, ageMs } = judgeFreshness(
        newestAt,
        parseIsoDuration(slaFreshness),
        observedAt,
      );
      items[key] = {
        status,
        ...(newestAt !== undefined && {
          newestRecordAt: new Date(newestAt).toISOString(),
        }),
        ...(ageMs !== undefined && { ageMs }),
        slaFreshness,
      };
    }
    return items;
  }

  /** Newest record time per `cluster/topic`, from the cache or Kafka. */
  private async newestRecordTimes(
    products: Iterable<DataProductEntity>,
  ): Promise<Map<string, number | undefined>> {
    const wanted = [...topicsByCluster(products)].flatMap(([cluster, topics]) =>
      topics.map(topic => ({ cluster, topic, key: topicKey(cluster, topic) })),
    );
    const hits = await Promise.all(
      wanted.map(({ key }) =>
        this.inFlight.has(key)
          ? undefined
          : this.options.cache.get<CachedNewest>(key).catch(() => undefined),
      ),
    );
    // From here on nothing awaits until every read is registered, so that
    // concurrent requests share them.
    const pending = new Map<string, Promise<number | undefined>>();
    const toRead = new Map<string, string[]>();
    wanted.forEach(({ cluster, topic, key }, i) => {
      const shared = this.inFlight.get(key);
      const hit = hits[i];
      if (shared) {
        pending.set(key, shared);
      } else if (hit) {
        pending.set(key, Promise.resolve(hit.newestAt ?? undefined));
      } else {
        toRead.set(cluster, [...(toRead.get(cluster) ?? []), topic]);
      }
    });
    for (const [cluster, topics] of toRead) {
      const read = this.readCluster(cluster, topics);
      for (const topic of topics) {
        const key = topicKey(cluster, topic);
        const one = read.then(times => times.get(topic));
        this.inFlight.set(key, one);
        pending.set(key, one);
        const forget = () => this.inFlight.delete(key);
        // Cleanup only: whoever awaits `one` sees its failure.
        one.then(forget, forget);
      }
    }
    const keys = [...pending.keys()];
    const values = await Promise.all(pending.values());
    return new Map(keys.map((key, i) => [key, values[i]]));
  }

  /** Reads one cluster's topics and caches what was found. */
  private async readCluster(
    name: string,
    topics: string[],
  ): Promise<Map<string, number | undefined>> {
    let times: Map<string, number | undefined>;
    try {
      times = await readNewestRecordAt(
        this.options.kafka.cluster(name),
        topics,
        this.options,
      );
    } catch (error) {
      // A cluster that is not configured has nothing to say about its
      // products; it must not fail the others.
      if (!(error instanceof NotFoundError)) throw error;
      times = new Map();
    }
    await Promise.all(
      topics.map(topic =>
        this.options.cache
          .set(
            topicKey(name, topic),
            { newestAt: times.get(topic) ?? null },
            { ttl: this.options.ttlMs },
          )
          .catch(() => undefined),
      ),
    );
    return times;
  }
}

function topicKey(cluster: string, topic: string): string {
  return `newest:${cluster}/${topic}`;
}
