import { Config } from '@backstage/config';
import { DEFAULT_REGISTRY_TOPIC } from '@kafka-mesh/plugin-data-mesh-common';
import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import {
  DataMeshConfig,
  KafkaClusterConfig,
  SchemaRegistryConfig,
} from './types';

/** @public */
export const DEFAULT_CLIENT_ID = 'backstage-data-mesh';

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

function readSsl(cluster: Config): KafkaClusterConfig['ssl'] {
  if (!cluster.has('ssl')) return undefined;
  if (typeof cluster.get('ssl') === 'boolean') return cluster.getBoolean('ssl');
  const ssl = cluster.getConfig('ssl');
  const options: ConnectionOptions = {
    ca: ssl.getOptionalStringArray('ca'),
    key: ssl.getOptionalString('key'),
    cert: ssl.getOptionalString('cert'),
    passphrase: ssl.getOptionalString('passphrase'),
    rejectUnauthorized: ssl.getOptionalBoolean('rejectUnauthorized'),
  };
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  );
}

function readSasl(cluster: Config): SASLOptions | undefined {
  const sasl = cluster.getOptionalConfig('sasl');
  if (!sasl) return undefined;
  const mechanism = sasl.getString('mechanism');
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new Error(
      `Invalid config at dataMesh.kafka.clusters[${cluster.getString(
        'name',
      )}].sasl.mechanism: '${mechanism}' is not one of ${SASL_MECHANISMS.join(
        ', ',
      )}`,
    );
  }
  return {
    mechanism: mechanism as (typeof SASL_MECHANISMS)[number],
    username: sasl.getString('username'),
    password: sasl.getString('password'),
  } as SASLOptions;
}

function readCluster(cluster: Config): KafkaClusterConfig {
  const brokers = cluster.getStringArray('brokers');
  if (brokers.length === 0) {
    throw new Error(
      `Invalid config at dataMesh.kafka.clusters[${cluster.getString(
        'name',
      )}].brokers: at least one broker is required`,
    );
  }
  return {
    name: cluster.getString('name'),
    brokers,
    ssl: readSsl(cluster),
    sasl: readSasl(cluster),
  };
}

function readSchemaRegistry(
  registry: Config,
  clusters: KafkaClusterConfig[],
): SchemaRegistryConfig {
  const auth = registry.getOptionalConfig('auth');
  const storage = registry.getOptionalConfig('storageTopic');
  const storageCluster = storage?.getString('cluster');
  if (storageCluster && !clusters.some(c => c.name === storageCluster)) {
    throw new Error(
      `Invalid config at dataMesh.schemaRegistry.storageTopic.cluster: '${storageCluster}' is not one of dataMesh.kafka.clusters (${clusters
        .map(c => c.name)
        .join(', ')})`,
    );
  }
  return {
    url: registry.getString('url').replace(/\/+$/, ''),
    auth: auth && {
      username: auth.getString('username'),
      password: auth.getString('password'),
    },
    storageTopic: storage && {
      cluster: storageCluster!,
      topic: storage.getString('topic'),
    },
  };
}

/**
 * Reads and checks the `dataMesh` section once, so that every part of the
 * suite works from the same typed view and a mistake fails at startup with
 * the config key that is wrong.
 *
 * @public
 */
export function readDataMeshConfig(config: Config): DataMeshConfig {
  const root = config.getConfig('dataMesh');
  const clusters = root
    .getConfigArray('kafka.clusters')
    .map(cluster => readCluster(cluster));
  if (clusters.length === 0) {
    throw new Error(
      'Invalid config at dataMesh.kafka.clusters: at least one cluster is required',
    );
  }
  const names = new Set<string>();
  for (const { name } of clusters) {
    if (names.has(name)) {
      throw new Error(
        `Invalid config at dataMesh.kafka.clusters: the cluster name '${name}' is used twice`,
      );
    }
    names.add(name);
  }
  return {
    registryTopic:
      root.getOptionalString('registryTopic') ?? DEFAULT_REGISTRY_TOPIC,
    clientId: root.getOptionalString('kafka.clientId') ?? DEFAULT_CLIENT_ID,
    clusters,
    schemaRegistry: readSchemaRegistry(
      root.getConfig('schemaRegistry'),
      clusters,
    ),
  };
}
