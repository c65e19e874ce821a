import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ConsumerGroupIndex } from '../lib/ConsumerGroupIndex';
import { consumedProducts } from '../lib/consumedProducts';
import { ProductIndex } from '../lib/ProductIndex';

/** The refresh key a consuming component carries for each of its groups. */
export const consumerGroupRefreshKey = (key: string) =>
  `data-mesh-consumer-group:${key}`;

/**
 * Provides no entities: it re-reads consumer groups on a schedule and asks
 * the catalog to re-process exactly the entities whose groups now read
 * different topics or products: components (their `dependsOn` edges) and
 * data products naming their processor's groups (their edges and the drift
 * between observed and declared lineage), without waiting for the catalog's
 * own refresh interval.
 */
export class ConsumerGroupsProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** `<cluster>/<group>` → the topics and products it read at the last refresh. */
  private links = new Map<string, string>();

  constructor(
    private readonly groups: ConsumerGroupIndex,
    private readonly products: ProductIndex,
  ) {}

  getProviderName(): string {
    return 'data-mesh-consumer-groups';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(): Promise<void> {
    await this.groups.refresh();
    const next = new Map<string, string>();
    for (const key of this.groups.keys()) {
      const slash = key.indexOf('/');
      const refs = consumedProducts(
        this.groups,
        this.products,
        key.slice(0, slash),
        key.slice(slash + 1),
      );
      const topics = [...this.groups.topicsOf(
        key.slice(0, slash),
        key.slice(slash + 1),
      )].sort();
      if (topics.length) next.set(key, `${topics.join(',')}|${refs.join(',')}`);
    }
    const changed = [...new Set([...next.keys(), ...this.links.keys()])].filter(
      key => next.get(key) !== this.links.get(key),
    );
    if (changed.length === 0) return;
    // Remember the new links only once the catalog has been told, so that a
    // refresh before connect() or a failed one is retried next time.
    if (!this.connection) return;
    await this.connection.refresh({
      keys: changed.map(consumerGroupRefreshKey),
    });
    this.links = next;
  }
}
