import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka } from 'kafkajs';
import { fileURLToPath } from 'node:url';
import { consumerGroup, products } from './products.ts';
import { Tally } from './tally.ts';

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
 * Reads every product's topic as the app's consumer group, decoding each
 * record with the schema the registry names in it. The group's committed
 * offsets are what links the app to the products in the catalog.
 */
export async function consume({ brokers, registryUrl } = connection()) {
  const registry = new SchemaRegistry({ host: registryUrl });
  const consumer = new Kafka({ clientId: consumerGroup, brokers }).consumer({
    groupId: consumerGroup,
  });
  const tally = new Tally();
  await consumer.connect();
  await consumer.subscribe({
    topics: products.map(product => product.topic),
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const product = products.find(p => p.topic === topic);
      if (!product || !message.value) return;
      const value = await registry.decode(message.value);
      tally.add(product.entityRef, value);
      console.log(`${product.entityRef}: ${JSON.stringify(value)}`);
    },
  });
  return { tally, stop: () => consumer.disconnect() };
}

// `node src/consumer.ts` reads until stopped.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { stop } = await consume();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => stop().then(() => process.exit(0)));
  }
}
