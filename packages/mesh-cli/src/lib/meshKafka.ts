import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka } from 'kafkajs';
import type { MeshConfig } from './loadMeshConfig';

/** A kafkajs client for the chosen cluster; few retries, so an outage fails fast at the terminal. */
export function meshKafka({ dataMesh, cluster }: MeshConfig): Kafka {
  return createKafka(cluster, { clientId: dataMesh.clientId, retries: 3 });
}

/** `<cluster>/<registry topic>`, as printed in messages. */
export function registryLabel({ dataMesh, cluster }: MeshConfig): string {
  return `${cluster.name}/${dataMesh.registryTopic}`;
}
