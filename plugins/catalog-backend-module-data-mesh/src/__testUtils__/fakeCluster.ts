import type { KafkaCluster } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Kafka } from 'kafkajs';

/**
 * A `KafkaCluster` for pure logic tests: every admin call runs on `admin`
 * (a partial fake, or a function that throws to play an unreachable
 * cluster), and reads get `kafka`. Whatever touches the real service's
 * rules (deadlines, retired admins) is tested on the real broker.
 */
export function fakeCluster(
  admin: object | (() => never),
  options: { name?: string; kafka?: object } = {},
): KafkaCluster {
  const client = () => (typeof admin === 'function' ? admin() : admin) as Admin;
  return {
    name: options.name ?? 'local',
    config: { name: options.name ?? 'local', brokers: [] },
    kafka: (options.kafka ?? {}) as Kafka,
    admin: async (_what, fn) => fn(client()),
    producer: async () => {
      throw new Error('fakeCluster has no producer');
    },
    consumer: async () => {
      throw new Error('fakeCluster has no consumer');
    },
    reading: async fn => fn((options.kafka ?? {}) as Kafka),
  };
}
