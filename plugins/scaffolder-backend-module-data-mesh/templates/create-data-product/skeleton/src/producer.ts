import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { product } from './product.ts';

/** A record for the product's topic; the value must fit the registered schema. */
export type ProductRecord = { key?: string; value: unknown };

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
 * Writes records to the product's topic, encoded with the latest schema of
 * its subject so that every consumer can decode them through the registry.
 */
export async function produce(
  records: ProductRecord[],
  { kafka, registryUrl } = connection(),
): Promise<void> {
  const registry = new SchemaRegistry({ host: registryUrl });
  const schemaId = await registry.getLatestSchemaId(product.subject);
  const producer = new Kafka({ clientId: product.topic, ...kafka }).producer();
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
