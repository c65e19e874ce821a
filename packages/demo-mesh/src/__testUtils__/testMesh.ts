import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { clientConfig } from '@kafka-mesh/local-stack';
import {
  SchemaRegistryRestClient,
  toAclEntry,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { demoAcls } from '../mesh/demoAcls';
import { loadDemoProducts } from '../mesh/demoProducts';
import { demoKafka, DemoMeshOptions, OPERATOR_PRINCIPAL } from '../options';
import { demoProcessors } from '../processors';

/**
 * Options for a demo mesh of a test's own: its own registry topic, and
 * every topic, subject and consumer group behind a prefix no other run
 * uses, so tests never touch the real demo or each other.
 */
export function testMeshOptions(): DemoMeshOptions & { run: string } {
  const run = randomUUID().slice(0, 8);
  return {
    run,
    // The shared stack's principals (jest's global setup exports its
    // clients file as DATA_MESH_KAFKA_CLIENTS).
    clientFor: principal => clientConfig(principal),
    registryUrl:
      process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
      'http://localhost:8081/apis/ccompat/v7',
    registryTopic: `_data-products-demo-it-${run}`,
    topicPrefix: `demo-it-${run}.`,
  };
}

/**
 * A client for the test's own fixtures (records in, records out, offsets),
 * as the broker's admin unless another principal is asked for.
 */
export function testKafka(
  options: DemoMeshOptions,
  principal: string = OPERATOR_PRINCIPAL,
): Kafka {
  return demoKafka(options, principal);
}

/** Deletes the run's topics, subjects, consumer groups and the demo apps' ACLs on them. */
export async function cleanupTestMesh(
  options: DemoMeshOptions & { topicPrefix?: string },
): Promise<void> {
  const prefix = options.topicPrefix!;
  const admin = testKafka(options).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const ours = groups.map(g => g.groupId).filter(g => g.startsWith(prefix));
    if (ours.length) await admin.deleteGroups(ours).catch(() => undefined);
    const topics = (await admin.listTopics()).filter(
      t => t.startsWith(prefix) || t === options.registryTopic,
    );
    if (topics.length) await admin.deleteTopics({ topics });
    const acls = demoAcls({
      ...options,
      products: loadDemoProducts(options),
      processors: demoProcessors(),
    });
    await admin.deleteAcls({ filters: acls.map(toAclEntry) });
  } finally {
    await admin.disconnect();
  }
  const registry = new SchemaRegistryRestClient({ url: options.registryUrl });
  const subjects = (await registry.listSubjects()).filter(s =>
    s.startsWith(prefix),
  );
  for (const subject of subjects) await registry.deleteSubject(subject);
}

/** A decoded record of a topic. */
export interface ReadRecord {
  key: string;
  value: any;
  timestamp: number;
}

/**
 * Reads a topic from the beginning, decoding through the registry, until
 * `done` says the records read so far are enough; rejects after `timeoutMs`
 * with what it read.
 */
export async function readUntil(
  kafka: Kafka,
  registry: SchemaRegistry,
  topic: string,
  done: (records: ReadRecord[]) => boolean,
  timeoutMs = 60_000,
): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  const consumer = kafka.consumer({
    // Named after the topic, so that the run's cleanup deletes it too.
    groupId: `${topic}.reader-${randomUUID().slice(0, 8)}`,
    maxWaitTimeInMs: 500,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${topic}: not done after ${timeoutMs} ms; read ${JSON.stringify(
                records.map(r => r.value),
              )}`,
            ),
          ),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ message }) => {
            records.push({
              key: message.key?.toString() ?? '',
              value: message.value
                ? await registry.decode(message.value)
                : null,
              timestamp: Number(message.timestamp),
            });
            if (done(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
