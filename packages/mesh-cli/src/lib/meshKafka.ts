import {
  createKafka,
  ensureRegistryTopic,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka, Producer } from 'kafkajs';
import type { MeshConfig } from './loadMeshConfig';

/** A kafkajs client for the chosen cluster; few retries, so an outage fails fast at the terminal. */
export function meshKafka({ dataMesh, cluster }: MeshConfig): Kafka {
  return createKafka(cluster, { clientId: dataMesh.clientId, retries: 3 });
}

/** `<cluster>/<registry topic>`, as printed in messages. */
export function registryLabel({ dataMesh, cluster }: MeshConfig): string {
  return `${cluster.name}/${dataMesh.registryTopic}`;
}

/**
 * Runs `work` with a connected producer for the registry topic, which is
 * created (compacted) first: a record must never auto-create it uncompacted.
 */
export async function withRegistryProducer(
  mesh: MeshConfig,
  work: (producer: Producer, topic: string) => Promise<void>,
): Promise<void> {
  const topic = mesh.dataMesh.registryTopic;
  const kafka = meshKafka(mesh);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureRegistryTopic(admin, topic);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await work(producer, topic);
  } finally {
    await producer.disconnect();
  }
}
