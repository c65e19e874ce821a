import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { DEFAULT_REGISTRY_TOPIC } from '@kafka-mesh/plugin-data-mesh-common';
import {
  createKafka,
  createSchemaRegistry,
  DefaultKafkaService,
  KafkaClusterConfig,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Kafka } from 'kafkajs';
import type { DemoNaming } from './mesh/demoProducts';

/**
 * How to connect to Kafka as one principal: brokers, and the SASL (and TLS)
 * settings of that principal, as `clientConfig` of `@kafka-mesh/local-stack`
 * returns them for the local stack.
 */
export type DemoClientConfig = Omit<KafkaClusterConfig, 'name'>;

/** Where the demo mesh runs, and under which names. */
export interface DemoMeshOptions extends DemoNaming {
  /**
   * The client settings of a principal of the cluster. The demo connects as
   * `admin` (the platform operator: the seed's topics and ACLs), `portal`
   * (descriptors to the registry topic) and each demo app's own principal
   * ({@link DEMO_PRINCIPALS}). For the local stack:
   * `principal => clientConfig(principal, { clientsFile })`.
   */
  clientFor(principal: string): DemoClientConfig;
  /** Confluent-API schema registry, e.g. `http://localhost:8081/apis/ccompat/v7`. */
  registryUrl: string;
  /** The registry topic the catalog reads; `_data-products` when absent. */
  registryTopic?: string;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
}

/** The cluster name the descriptors use (`spec.output.cluster`). */
export const DEMO_CLUSTER = 'local';

/** The platform operator: creates the demo's topics and grants its ACLs. */
export const OPERATOR_PRINCIPAL = 'admin';

/** The Backstage backend: the only principal that writes the registry topic. */
export const PORTAL_PRINCIPAL = 'portal';

/** The processors' consumer groups start with this; their principals do not. */
const PROCESSOR_GROUP_PREFIX = 'demo-mesh.';

/**
 * The principal a stream processor runs as: `demo-` and its group name
 * without the `demo-mesh.` prefix (`demo-mesh.high-value-orders` →
 * `demo-high-value-orders`).
 */
export function processorPrincipal(group: string): string {
  const name = group.startsWith(PROCESSOR_GROUP_PREFIX)
    ? group.slice(PROCESSOR_GROUP_PREFIX.length)
    : group;
  return `demo-${name}`;
}

/** The principals of the demo's apps besides the processors. */
export const DEMO_PRINCIPALS = {
  generators: 'demo-generators',
  salesDashboard: 'demo-sales-dashboard',
} as const;

/**
 * The one way the demo builds Kafka clients: a kafkajs client connected as
 * `principal`, named after it.
 */
export function demoKafka(options: DemoMeshOptions, principal: string): Kafka {
  return createKafka(
    { name: DEMO_CLUSTER, ...options.clientFor(principal) },
    { clientId: principal },
  );
}

/** The suite's Kafka service (the portal's view of the cluster) as `principal`. */
export function demoKafkaService(
  options: DemoMeshOptions,
  principal: string,
): DefaultKafkaService {
  return new DefaultKafkaService({
    registryTopic: registryTopicOf(options),
    clientId: principal,
    clusters: [{ name: DEMO_CLUSTER, ...options.clientFor(principal) }],
    schemaRegistry: { url: options.registryUrl },
  });
}

/** The schema registry client the demo apps encode and decode with. */
export function demoRegistry(options: DemoMeshOptions): SchemaRegistry {
  return createSchemaRegistry({ url: options.registryUrl });
}

export function registryTopicOf(options: DemoMeshOptions): string {
  return options.registryTopic ?? DEFAULT_REGISTRY_TOPIC;
}

/** A consumer group of the demo, renamed with the topic prefix like its topics. */
export function groupIdOf(options: DemoNaming, group: string): string {
  return `${options.topicPrefix ?? ''}${group}`;
}
