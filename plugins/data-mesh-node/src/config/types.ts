import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

/**
 * One Kafka cluster from `dataMesh.kafka.clusters`.
 *
 * @public
 */
export interface KafkaClusterConfig {
  name: string;
  brokers: string[];
  ssl?: boolean | ConnectionOptions;
  sasl?: SASLOptions;
}

/**
 * The schema registry from `dataMesh.schemaRegistry`.
 *
 * @public
 */
export interface SchemaRegistryConfig {
  url: string;
  auth?: { username: string; password: string };
  /** The Kafka topic the registry keeps its state in, when it is one. */
  storageTopic?: { cluster: string; topic: string };
}

/**
 * The suite's whole `dataMesh` config section, with defaults applied.
 *
 * @public
 */
export interface DataMeshConfig {
  registryTopic: string;
  clientId: string;
  clusters: KafkaClusterConfig[];
  schemaRegistry: SchemaRegistryConfig;
}

/**
 * A static external-access token and the owners it acts for.
 *
 * @public
 */
export interface ExternalAccessGrant {
  /** The token's `subject` in backend.auth.externalAccess (its principal's subject). */
  subject: string;
  /** Full owner refs, lower case like a user's ownership claims. */
  actsFor: string[];
}

/**
 * `dataMesh.permissions`, with defaults applied.
 *
 * @public
 */
export interface DataMeshPermissionsConfig {
  /** Full group refs, lower case like a user's ownership claims. */
  adminGroups: string[];
  externalAccess: ExternalAccessGrant[];
  restrictCatalogWrites: boolean;
}
