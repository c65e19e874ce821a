import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  parseDescriptorRecord,
  readRegistryTopic,
  type KafkaCluster,
} from '@kafka-mesh/plugin-data-mesh-node';
import { existsSync } from 'node:fs';
import { CliError } from './CliError';
import { readDescriptorFiles } from './readDescriptorFiles';
import { checkProductId } from '../commands/productId';

/** Every published product: the latest valid descriptor per key of the registry topic. */
export async function publishedProducts(
  cluster: KafkaCluster,
  registryTopic: string,
): Promise<Map<string, DataProductEntity>> {
  const latest = new Map<string, DataProductEntity | undefined>();
  for (const record of await readRegistryTopic(cluster, registryTopic)) {
    const key = record.key?.toString('utf8');
    if (!key) continue;
    const parsed = parseDescriptorRecord(record.key, record.value);
    // An invalid record leaves the previous valid one in force, as in the catalog.
    if (parsed.type === 'tombstone') latest.set(key, undefined);
    else if (parsed.type !== 'invalid') latest.set(key, parsed.entity);
  }
  const products = new Map<string, DataProductEntity>();
  for (const [key, entity] of latest) if (entity) products.set(key, entity);
  return products;
}

/** A product argument names a descriptor file rather than `<namespace>/<name>`. */
export function isDescriptorFile(target: string): boolean {
  return /\.ya?ml$/i.test(target) || existsSync(target);
}

/** The one descriptor of a file. */
export async function productOfFile(file: string): Promise<DataProductEntity> {
  const { descriptors, problems } = await readDescriptorFiles([file]);
  if (problems.length) throw new CliError(problems);
  if (descriptors.length !== 1) {
    throw new CliError(
      `${file}: holds ${descriptors.length} descriptors; name one product per file, or its <namespace/name>`,
    );
  }
  return descriptors[0].entity;
}

/** The published product with the id, from the registry topic. */
export function publishedProduct(
  products: Map<string, DataProductEntity>,
  id: string,
  where: string,
): DataProductEntity {
  const entity = products.get(checkProductId(id));
  if (!entity) throw new CliError(`${id} is not published (read ${where})`);
  return entity;
}
