import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { GovernanceRules } from '@kafka-mesh/plugin-data-mesh-common';
import type { Admin, Producer } from 'kafkajs';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import type { DataMeshConfig, KafkaClusterConfig } from '../config/types';
import { readGovernanceRules } from '../governance/readGovernanceRules';
import { DefaultKafkaService, KafkaService } from '../kafka/KafkaService';
import { SchemaRegistryRestClient } from '../registry/SchemaRegistryRestClient';

/**
 * The suite's Kafka clusters, schema registry and governance rules, as the
 * product writer and the scaffolder actions use them. Kafka is reached
 * through the shared {@link KafkaService}, so a write after an outage
 * recovers by the same rules as the catalog and the live routes.
 *
 * @public
 */
export class DataMeshClients {
  constructor(
    readonly mesh: DataMeshConfig,
    readonly rules: GovernanceRules,
    readonly registry: SchemaRegistryRestClient,
    readonly kafka: KafkaService,
  ) {}

  /**
   * From config; `kafka` is the backend's shared service (a tool or test
   * without a backend gets one of its own).
   */
  static fromConfig(config: Config, kafka?: KafkaService): DataMeshClients {
    const mesh = readDataMeshConfig(config);
    return new DataMeshClients(
      mesh,
      readGovernanceRules(config),
      new SchemaRegistryRestClient(mesh.schemaRegistry),
      kafka ?? new DefaultKafkaService(mesh),
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

  /**
   * Runs `fn` with the shared admin of a configured cluster, under the
   * service's deadline.
   *
   * @throws KafkaUnavailableError when the cluster cannot answer
   */
  withAdmin<T>(
    cluster: string,
    fn: (admin: Admin) => Promise<T>,
    what = 'an admin call',
  ): Promise<T> {
    this.cluster(cluster);
    return this.kafka.cluster(cluster).admin(what, fn);
  }

  /** Runs `fn` with a producer of a configured cluster (idempotent). */
  withProducer<T>(
    cluster: string,
    fn: (producer: Producer) => Promise<T>,
  ): Promise<T> {
    this.cluster(cluster);
    return this.kafka.cluster(cluster).producer(fn);
  }
}
