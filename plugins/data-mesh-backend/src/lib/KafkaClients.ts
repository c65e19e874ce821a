import { NotFoundError } from '@backstage/errors';
import { createKafka, DataMeshConfig } from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Kafka } from 'kafkajs';
import { DEFAULT_CALL_TIMEOUT_MS, withTimeout } from './upstream';

/** Kafka could not be asked, or a Kafka call failed. */
export class KafkaUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KafkaUnavailableError';
  }
}

/** One configured cluster: its client and a shared, lazily connected admin. */
export interface ClusterClient {
  name: string;
  kafka: Kafka;
  /**
   * Runs one admin call, bounded in time. An unknown topic becomes a
   * NotFoundError, every other failure a {@link KafkaUnavailableError}.
   */
  call<T>(
    what: string,
    fn: (admin: Admin) => Promise<T>,
    topic?: string,
  ): Promise<T>;
}

function isUnknownTopic(error: unknown): boolean {
  // kafkajs 2 wraps the broker's answer in the error of its last retry.
  const e = error as {
    type?: string;
    originalError?: { type?: string };
    cause?: { type?: string };
  };
  return [e?.type, e?.originalError?.type, e?.cause?.type].includes(
    'UNKNOWN_TOPIC_OR_PARTITION',
  );
}

/** Kafka clients for every configured cluster, made once per backend. */
export class KafkaClients {
  private readonly clusters = new Map<string, ClusterClient>();
  private readonly admins: Array<() => Promise<Admin | undefined>> = [];

  constructor(
    config: DataMeshConfig,
    private readonly timeoutMs = DEFAULT_CALL_TIMEOUT_MS,
  ) {
    for (const cluster of config.clusters) {
      // Few retries: a request has a deadline of its own.
      const kafka = createKafka(cluster, {
        clientId: config.clientId,
        retries: 1,
        connectionTimeoutMs: Math.min(3000, timeoutMs),
      });
      let admin: Promise<Admin> | undefined;
      const connected = () =>
        (admin ??= (async () => {
          const client = kafka.admin({ retry: { retries: 1 } });
          await client.connect();
          return client;
        })().catch(error => {
          admin = undefined;
          throw error;
        }));
      this.admins.push(async () => admin?.catch(() => undefined));
      this.clusters.set(cluster.name, {
        name: cluster.name,
        kafka,
        call: async (what, fn, topic) => {
          try {
            return await withTimeout(
              connected().then(fn),
              this.timeoutMs,
              `Kafka (${what})`,
            );
          } catch (error) {
            if (topic && isUnknownTopic(error)) {
              throw new NotFoundError(
                `The topic '${topic}' does not exist on the cluster '${cluster.name}'`,
              );
            }
            throw new KafkaUnavailableError(
              `${what} failed: ${(error as Error).message}`,
            );
          }
        },
      });
    }
  }

  /** The client of a configured cluster. */
  cluster(name: string): ClusterClient {
    const found = this.clusters.get(name);
    if (!found) {
      throw new NotFoundError(
        `The Kafka cluster '${name}' is not configured for the data mesh`,
      );
    }
    return found;
  }

  /** Disconnects the admins that were connected. */
  async stop(): Promise<void> {
    await Promise.all(
      this.admins.map(async get => {
        const admin = await get();
        await admin?.disconnect().catch(() => undefined);
      }),
    );
  }
}
