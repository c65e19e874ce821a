import {
  ensureRegistryTopic,
  unpublishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import { loadMeshConfig } from '../lib/loadMeshConfig';
import { meshKafka, registryLabel } from '../lib/meshKafka';
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
  const topic = mesh.dataMesh.registryTopic;
  const kafka = meshKafka(mesh);
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Never let the tombstone auto-create an uncompacted registry topic.
    await ensureRegistryTopic(admin, topic);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await unpublishDescriptor(producer, topic, id);
  } finally {
    await producer.disconnect();
  }
  out(`unpublished ${id} from ${registryLabel(mesh)} (tombstone)`);
}
