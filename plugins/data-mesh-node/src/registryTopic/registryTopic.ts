import { createTopics } from '../kafka/createTopics';
import {
  DataProductEntity,
  productIdOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { Admin, Producer } from 'kafkajs';

/**
 * The registry topic must be compacted (the latest descriptor per product is
 * the state); it is created on first use so a new installation just works.
 *
 * @public
 */
export async function ensureRegistryTopic(
  admin: Admin,
  topic: string,
): Promise<void> {
  const topics = await admin.listTopics();
  if (topics.includes(topic)) return;
  const { brokers } = await admin.describeCluster();
  await createTopics(admin, {
    topics: [
      {
        topic,
        numPartitions: 1,
        replicationFactor: Math.min(3, brokers.length),
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
    ],
  }).catch(error => {
    // Another replica or publisher may have created it a moment ago.
    if (!String(error?.message).includes('already exists')) throw error;
  });
}

/**
 * Publishing = producing the descriptor under the product id.
 *
 * @public
 */
export async function publishDescriptor(
  producer: Producer,
  topic: string,
  descriptor: DataProductEntity,
): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: [
      { key: productIdOf(descriptor), value: JSON.stringify(descriptor) },
    ],
  });
}

/**
 * Unpublishing = a tombstone for the product id.
 *
 * @public
 */
export async function unpublishDescriptor(
  producer: Producer,
  topic: string,
  productId: string,
): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key: productId, value: null }],
  });
}
