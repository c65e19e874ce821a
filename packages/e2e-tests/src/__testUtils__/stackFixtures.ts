import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  createKafka,
  createSchemaRegistry,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import type { Message } from 'kafkajs';

/** The shared stack's registry, as jest's global setup exported it. */
export const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

/**
 * What a test sets up on the shared stack, as the broker's admin (only the
 * system under test depends on the portal's ACLs): topics, Avro schemas
 * and consumer groups, each remembered and removed by `cleanUp`.
 */
export class StackFixtures {
  readonly kafka = createKafka(clusterConfig('admin'), {
    clientId: 'e2e-fixtures',
  });
  readonly registry = createSchemaRegistry({ url: registryUrl });
  private readonly topics = new Set<string>();
  private readonly subjects = new Set<string>();
  private readonly groups = new Set<string>();

  /** Creates one-partition topics. */
  async createTopics(...topics: string[]): Promise<void> {
    topics.forEach(topic => this.topics.add(topic));
    await this.withAdmin(admin =>
      createTopics(admin, {
        topics: topics.map(topic => ({
          topic,
          numPartitions: 1,
          replicationFactor: 1,
        })),
      }),
    );
  }

  /** Registers an Avro schema under `<topic>-value`; its id. */
  async registerAvro(topic: string, schema: object): Promise<number> {
    const subject = `${topic}-value`;
    this.subjects.add(subject);
    const { id } = await this.registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject },
    );
    return id;
  }

  /** Sets the compatibility level of `<topic>-value`. */
  async setCompatibility(topic: string, level: string): Promise<void> {
    const res = await fetch(`${registryUrl}/config/${topic}-value`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: level }),
    });
    if (!res.ok) {
      throw new Error(`setting ${level} on ${topic}-value: HTTP ${res.status}`);
    }
  }

  /** Produces values encoded with a registered schema, with timestamps. */
  async produce(
    topic: string,
    schemaId: number,
    records: Array<{ value: object; timestamp?: number }>,
  ): Promise<void> {
    const messages: Message[] = await Promise.all(
      records.map(async ({ value, timestamp }) => ({
        value: await this.registry.encode(schemaId, value),
        ...(timestamp !== undefined && { timestamp: String(timestamp) }),
      })),
    );
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages });
    } finally {
      await producer.disconnect();
    }
  }

  /** Remembers topics (a registry topic) and groups made elsewhere. */
  track({
    topics = [],
    groups = [],
  }: {
    topics?: string[];
    groups?: string[];
  }) {
    topics.forEach(topic => this.topics.add(topic));
    groups.forEach(group => this.groups.add(group));
  }

  /** Removes everything created or tracked; failures are ignored. */
  async cleanUp(): Promise<void> {
    await this.withAdmin(async admin => {
      await admin
        .deleteTopics({ topics: [...this.topics] })
        .catch(() => undefined);
      if (this.groups.size) {
        await admin.deleteGroups([...this.groups]).catch(() => undefined);
      }
    }).catch(() => undefined);
    for (const subject of this.subjects) {
      await fetch(`${registryUrl}/subjects/${subject}`, {
        method: 'DELETE',
      }).catch(() => undefined);
    }
  }

  async withAdmin<T>(
    use: (admin: ReturnType<StackFixtures['kafka']['admin']>) => Promise<T>,
  ): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
