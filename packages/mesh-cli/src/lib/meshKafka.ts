import {
  DefaultKafkaService,
  type KafkaCluster,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { MeshConfig } from './loadMeshConfig';

// Only `mesh export` reads Kafka. Writes go through the portal backend
// (portalClient.ts): in production only the portal may write the registry
// topic, so that its barrier and ownership checks cannot be skipped.

/**
 * Runs `fn` with the chosen cluster (its brokers as loadMeshConfig resolved
 * them), reached the way the portal reaches it, and lets it go afterwards.
 * Every call has a deadline, so an outage fails fast at the terminal.
 */
export async function withMeshKafka<T>(
  { dataMesh, cluster }: MeshConfig,
  fn: (cluster: KafkaCluster) => Promise<T>,
): Promise<T> {
  const kafka = new DefaultKafkaService({ ...dataMesh, clusters: [cluster] });
  try {
    return await fn(kafka.cluster(cluster.name));
  } finally {
    await kafka.stop();
  }
}

/** `<cluster>/<registry topic>`, as printed in messages. */
export function registryLabel({ dataMesh, cluster }: MeshConfig): string {
  return `${cluster.name}/${dataMesh.registryTopic}`;
}
