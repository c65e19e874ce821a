import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka } from 'kafkajs';
import { fileURLToPath } from 'node:url';
import { product } from './product.ts';

/** A record for the product's topic; the value must fit the registered schema. */
export type ProductRecord = { key?: string; value: unknown };

/** Where Kafka and the schema registry are: the local stack unless set. */
export function connection() {
  return {
    brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
    registryUrl:
      process.env.SCHEMA_REGISTRY_URL ??
      'http://localhost:8081/apis/ccompat/v7',
  };
}

/**
 * Writes records to the product's topic, encoded with the latest schema of
 * its subject so that every consumer can decode them through the registry.
 */
export async function produce(
  records: ProductRecord[],
  { brokers, registryUrl } = connection(),
): Promise<void> {
  const registry = new SchemaRegistry({ host: registryUrl });
  const schemaId = await registry.getLatestSchemaId(product.subject);
  const producer = new Kafka({ clientId: product.topic, brokers }).producer();
  await producer.connect();
  try {
    await producer.send({
      topic: product.topic,
      messages: await Promise.all(
        records.map(async ({ key, value }) => ({
          key,
          value: await registry.encode(schemaId, value),
        })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

// `node src/producer.ts '<record value as JSON>' [key]` writes one record.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [value, key] = process.argv.slice(2);
  if (!value) {
    console.error(`usage: node src/producer.ts '<record as JSON>' [key]`);
    process.exit(2);
  }
  await produce([{ key, value: JSON.parse(value) }]);
  console.log(`wrote 1 record to ${product.topic}`);
}
