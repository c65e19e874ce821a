import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { consumerGroup, products } from './products.ts';
import { Tally } from './tally.ts';

/** SASL mechanisms kafkajs supports with a username and password. */
const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** What kafkajs needs to reach the cluster: brokers, SASL and TLS. */
export type KafkaConnection = Pick<KafkaConfig, 'brokers' | 'sasl' | 'ssl'>;

/**
 * Where Kafka and the schema registry are, and how to log in, from the
 * environment (no secret belongs in the repository):
 *
 * - `KAFKA_BROKERS`: comma separated `host:port` (default `localhost:9092`)
 * - `KAFKA_USERNAME`, `KAFKA_PASSWORD`: the app's SASL credentials
 * - `KAFKA_SASL_MECHANISM`: `scram-sha-512` (default), `scram-sha-256` or `plain`
 * - `KAFKA_SSL_CA_FILE`: a PEM file with the CA of the brokers' certificates;
 *   set, it turns TLS on
 * - `SCHEMA_REGISTRY_URL` (default: the local stack's)
 */
export function connection(env: NodeJS.ProcessEnv = process.env): {
  kafka: KafkaConnection;
  registryUrl: string;
} {
  const brokers = (env.KAFKA_BROKERS ?? 'localhost:9092')
    .split(',')
    .map(broker => broker.trim())
    .filter(Boolean);
  const kafka: KafkaConnection = { brokers };
  const { KAFKA_USERNAME: username, KAFKA_PASSWORD: password } = env;
  const mechanism = (env.KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
  if (username || password || env.KAFKA_SASL_MECHANISM) {
    if (!username || !password) {
      throw new Error('set both KAFKA_USERNAME and KAFKA_PASSWORD for SASL');
    }
    if (!SASL_MECHANISMS.includes(mechanism as SaslMechanism)) {
      throw new Error(
        `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(
          ', ',
        )}, not ${mechanism}`,
      );
    }
    // kafkajs types each mechanism's options apart; all three take these.
    kafka.sasl = { mechanism, username, password } as SASLOptions;
  }
  if (env.KAFKA_SSL_CA_FILE) {
    kafka.ssl = { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] };
  }
  return {
    kafka,
    registryUrl:
      env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7',
  };
}

/**
 * Reads every product's topic as the app's consumer group, decoding each
 * record with the schema the registry names in it. The group's committed
 * offsets are what links the app to the products in the catalog.
 */
export async function consume({ kafka, registryUrl } = connection()) {
  const registry = new SchemaRegistry({ host: registryUrl });
  const consumer = new Kafka({ clientId: consumerGroup, ...kafka }).consumer({
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
