import { unpublishDescriptor } from '@kafka-mesh/plugin-data-mesh-node';
import { loadMeshConfig } from '../lib/loadMeshConfig';
import { registryLabel, withRegistryProducer } from '../lib/meshKafka';
import { checkProductId } from './productId';
import type { GlobalOptions, Output } from './types';

/** `mesh unpublish <namespace/name>`: a tombstone for the product id. */
export async function unpublish(
  productId: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  const id = checkProductId(productId);
  const mesh = await loadMeshConfig(options);
  await withRegistryProducer(mesh, (producer, topic) =>
    unpublishDescriptor(producer, topic, id),
  );
  out(`unpublished ${id} from ${registryLabel(mesh)} (tombstone)`);
}
