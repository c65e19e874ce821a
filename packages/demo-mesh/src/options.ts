import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { DEFAULT_REGISTRY_TOPIC } from '@kafka-mesh/plugin-data-mesh-common';
import {
  createKafka,
  createSchemaRegistry,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka } from 'kafkajs';
import type { DemoNaming } from './mesh/demoProducts';

/** Where the demo mesh runs, and under which names. */
export interface DemoMeshOptions extends DemoNaming {
  brokers: string[];
  /** Confluent-API schema registry, e.g. `http://localhost:8081/apis/ccompat/v7`. */
  registryUrl: string;
  /** The registry topic the catalog reads; `_data-products` when absent. */
  registryTopic?: string;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
}

/** The cluster name the descriptors use (`spec.output.cluster`). */
export const DEMO_CLUSTER = 'local';

export interface DemoClients {
  kafka: Kafka;
  registry: SchemaRegistry;
}

export function demoClients(options: DemoMeshOptions): DemoClients {
  return {
    kafka: createKafka(
      { name: DEMO_CLUSTER, brokers: options.brokers },
      { clientId: 'demo-mesh' },
    ),
    registry: createSchemaRegistry({ url: options.registryUrl }),
  };
}

export function registryTopicOf(options: DemoMeshOptions): string {
  return options.registryTopic ?? DEFAULT_REGISTRY_TOPIC;
}

/** A consumer group of the demo, renamed with the topic prefix like its topics. */
export function groupIdOf(options: DemoNaming, group: string): string {
  return `${options.topicPrefix ?? ''}${group}`;
}
