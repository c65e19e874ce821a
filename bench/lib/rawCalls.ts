/*
 * The floors of the live endpoints: the Kafka and registry calls each
 * endpoint makes, made directly with the same client libraries, without the
 * backend, its HTTP stack, auth, catalog lookup or caches.
 */
import { randomUUID } from 'node:crypto';
import type { SchemaRegistryRestClient } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Kafka } from 'kafkajs';

/** What the throughput history asks: one offset lookup per window boundary. */
const BOUNDARIES = 11;
const WINDOW_MS = 60_000;

/** The newest `count` records of partition 0, by a throwaway consumer. */
export async function rawTailRead(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  count: number,
): Promise<number> {
  const [{ high }] = await admin.fetchTopicOffsets(topic);
  const last = BigInt(high) - 1n;
  const from = last - BigInt(count) + 1n > 0n ? last - BigInt(count) + 1n : 0n;
  const consumer = kafka.consumer({
    groupId: `bench-raw-tail-${randomUUID()}`,
    maxWaitTimeInMs: 250,
    allowAutoTopicCreation: false,
  });
  let received = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('tail read timed out')),
        10_000,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ message }) => {
            received++;
            if (BigInt(message.offset) >= last) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .then(() =>
          consumer.seek({ topic, partition: 0, offset: from.toString() }),
        )
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Health: end offsets, offsets at every throughput boundary, the newest record. */
export async function rawHealth(kafka: Kafka, admin: Admin, topic: string) {
  const now = Date.now();
  await Promise.all([
    admin.fetchTopicOffsets(topic),
    ...Array.from({ length: BOUNDARIES }, (_, i) =>
      admin.fetchTopicOffsetsByTimestamp(
        topic,
        now - (BOUNDARIES - 1 - i) * WINDOW_MS,
      ),
    ),
  ]);
  await rawTailRead(kafka, admin, topic, 1);
}

/** Consumers: the groups, the end offsets, every group's committed offsets. */
export async function rawConsumers(admin: Admin, topic: string) {
  const [{ groups }] = await Promise.all([
    admin.listGroups(),
    admin.fetchTopicOffsets(topic),
  ]);
  await Promise.all(
    groups.map(g =>
      admin.fetchOffsets({ groupId: g.groupId, topics: [topic] }),
    ),
  );
}

/** Schema diff: the two versions compared. */
export async function rawDiff(
  registry: SchemaRegistryRestClient,
  subject: string,
) {
  await Promise.all([
    registry.version(subject, 1),
    registry.version(subject, 2),
  ]);
}
