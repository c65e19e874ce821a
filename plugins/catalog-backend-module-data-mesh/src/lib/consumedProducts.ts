import { ConsumerGroupIndex } from './ConsumerGroupIndex';
import { ProductIndex } from './ProductIndex';

/** Refs of the products whose topics a consumer group has committed offsets on. */
export function consumedProducts(
  groups: ConsumerGroupIndex,
  products: ProductIndex,
  cluster: string,
  group: string,
): string[] {
  return groups
    .topicsOf(cluster, group)
    .flatMap(topic => products.productsOnTopic(cluster, topic))
    .sort();
}
