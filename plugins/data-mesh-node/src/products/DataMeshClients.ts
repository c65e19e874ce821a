import { Config } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { GovernanceRules } from '@kafka-mesh/plugin-data-mesh-common';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import type { DataMeshConfig, KafkaClusterConfig } from '../config/types';
import { readGovernanceRules } from '../governance/readGovernanceRules';
import { createKafka } from '../kafka/createKafka';
import { SchemaRegistryRestClient } from '../registry/SchemaRegistryRestClient';
import type { Admin, Kafka, Producer } from 'kafkajs';

/**
 * The suite's Kafka clusters, schema registry and governance rules, as the
 * actions use them. Actions run a few times a day, so every call connects
 * its own admin or producer and disconnects it afterwards: nothing stays
 * open between tasks, and a broken connection never outlives one step.
 */
export class DataMeshClients {
  private readonly kafkas = new Map<string, Kafka>();

  constructor(
    readonly mesh: DataMeshConfig,
    readonly rules: GovernanceRules,
    readonly registry: SchemaRegistryRestClient,
  ) {}

  static fromConfig(config: Config): DataMeshClients {
    const mesh = readDataMeshConfig(config);
    return new DataMeshClients(
      mesh,
      readGovernanceRules(config),
      new SchemaRegistryRestClient(mesh.schemaRegistry),
    );
  }

  /** Names of the configured clusters, for messages. */
  clusterNames(): string[] {
    return this.mesh.clusters.map(c => c.name);
  }

  /**
   * The configured cluster called `name`. Brokers are only ever taken from
   * config, so a template cannot point the backend at an arbitrary host.
   */
  cluster(name: string): KafkaClusterConfig {
    const found = this.mesh.clusters.find(c => c.name === name);
    if (!found) {
      throw new InputError(
        `The Kafka cluster '${name}' is not configured for the data mesh; configured clusters: ${this.clusterNames().join(
          ', ',
        )}`,
      );
    }
    return found;
  }

  private kafka(name: string): Kafka {
    let kafka = this.kafkas.get(name);
    if (!kafka) {
      kafka = createKafka(this.cluster(name), {
        clientId: this.mesh.clientId,
        retries: 2,
      });
      this.kafkas.set(name, kafka);
    }
    return kafka;
  }

  private async connected<T extends Admin | Producer, R>(
    cluster: string,
    client: T,
    fn: (client: T) => Promise<R>,
  ): Promise<R> {
    try {
      await client.connect();
    } catch (error) {
      throw new ServiceUnavailableError(
        `The Kafka cluster '${cluster}' could not be reached: ${
          (error as Error).message
        }`,
      );
    }
    try {
      return await fn(client);
    } finally {
      await client.disconnect().catch(() => undefined);
    }
  }

  /** Runs `fn` with an admin client of a configured cluster. */
  withAdmin<T>(cluster: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
    return this.connected(cluster, this.kafka(cluster).admin(), fn);
  }

  /** Runs `fn` with a producer of a configured cluster. */
  withProducer<T>(
    cluster: string,
    fn: (producer: Producer) => Promise<T>,
  ): Promise<T> {
    return this.connected(
      cluster,
      this.kafka(cluster).producer({
        allowAutoTopicCreation: false,
        idempotent: true,
        maxInFlightRequests: 1,
      }),
      fn,
    );
  }
}
