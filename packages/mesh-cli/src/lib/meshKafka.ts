import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka } from 'kafkajs';
import type { MeshConfig } from './loadMeshConfig';

// Only `mesh export` reads Kafka. Writes go through the portal backend
// (portalClient.ts): in production only the portal may write the registry
// topic, so that its barrier and ownership checks cannot be skipped.

/** A kafkajs client for the chosen cluster; few retries, so an outage fails fast at the terminal. */
export function meshKafka({ dataMesh, cluster }: MeshConfig): Kafka {
  return createKafka(cluster, { clientId: dataMesh.clientId, retries: 3 });
}

/** `<cluster>/<registry topic>`, as printed in messages. */
export function registryLabel({ dataMesh, cluster }: MeshConfig): string {
  return `${cluster.name}/${dataMesh.registryTopic}`;
}
