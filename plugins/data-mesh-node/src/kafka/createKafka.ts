import { Kafka, logLevel } from 'kafkajs';
import type { KafkaClusterConfig } from '../config/types';

/** @public */
export interface CreateKafkaOptions {
  clientId: string;
  /** How long a connection attempt may take before it counts as failed. */
  connectionTimeoutMs?: number;
  /**
   * Retries for one request. Callers that own their own backoff (the entity
   * provider) pass a small number so an outage is noticed quickly.
   */
  retries?: number;
}

/**
 * A kafkajs client for one configured cluster, with its TLS and SASL.
 *
 * @public
 */
export function createKafka(
  cluster: KafkaClusterConfig,
  options: CreateKafkaOptions,
): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: cluster.brokers,
    ssl: cluster.ssl,
    sasl: cluster.sasl,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    retry: { retries: options.retries ?? 5 },
    // kafkajs logs every retry at ERROR; the suite reports outages itself.
    logLevel: logLevel.NOTHING,
  });
}
