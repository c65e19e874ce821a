import {
  DataMeshConfig,
  KafkaClusterConfig,
  readDataMeshConfig,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { SASLOptions } from 'kafkajs';
import fs from 'node:fs';
import { CliError } from './CliError';
import {
  configError,
  loadAppConfig,
  LoadAppConfigOptions,
} from './loadAppConfig';

/** Comma separated brokers that replace the chosen cluster's, e.g. for the local stack. */
export const BROKERS_ENV = 'DATA_MESH_KAFKA_BROKERS';
/** SASL user that replaces the chosen cluster's `sasl` (with the password). */
export const USERNAME_ENV = 'DATA_MESH_KAFKA_USERNAME';
/** Its password: set it in the environment rather than in a config file. */
export const PASSWORD_ENV = 'DATA_MESH_KAFKA_PASSWORD';
/** The SASL mechanism of the user above; default scram-sha-512. */
export const MECHANISM_ENV = 'DATA_MESH_KAFKA_MECHANISM';
/** A PEM file with the CA of the brokers' certificates: TLS with that CA. */
export const SSL_CA_FILE_ENV = 'DATA_MESH_KAFKA_SSL_CA_FILE';

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'];

/**
 * The cluster with what the environment replaces: brokers, SASL
 * credentials, TLS CA. Anything not set stays as configured.
 */
function applyEnv(
  configured: KafkaClusterConfig,
  env: Record<string, string | undefined>,
): KafkaClusterConfig {
  const cluster = { ...configured };
  const brokers = env[BROKERS_ENV]?.split(',')
    .map(b => b.trim())
    .filter(Boolean);
  if (brokers?.length) cluster.brokers = brokers;

  const username = env[USERNAME_ENV];
  const password = env[PASSWORD_ENV];
  if (username || password) {
    if (!username || !password) {
      throw new CliError(
        `set both ${USERNAME_ENV} and ${PASSWORD_ENV} to log in to Kafka`,
      );
    }
    const mechanism = (env[MECHANISM_ENV] || 'scram-sha-512').toLowerCase();
    if (!SASL_MECHANISMS.includes(mechanism)) {
      throw new CliError(
        `${MECHANISM_ENV} must be one of ${SASL_MECHANISMS.join(
          ', ',
        )}, not '${mechanism}'`,
      );
    }
    // kafkajs types each mechanism's options apart; all three take these.
    cluster.sasl = { mechanism, username, password } as SASLOptions;
  } else if (env[MECHANISM_ENV]) {
    throw new CliError(
      `${MECHANISM_ENV} needs ${USERNAME_ENV} and ${PASSWORD_ENV}`,
    );
  }

  const caFile = env[SSL_CA_FILE_ENV];
  if (caFile) {
    let ca: string;
    try {
      ca = fs.readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new CliError(
        `cannot read ${SSL_CA_FILE_ENV} ${caFile}: ${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        }`,
      );
    }
    cluster.ssl = {
      ...(typeof configured.ssl === 'object' && configured.ssl),
      ca: [ca],
    };
  }
  return cluster;
}

export interface LoadMeshConfigOptions extends LoadAppConfigOptions {
  /** `--cluster`; none → the first configured cluster. */
  cluster?: string;
}

export interface MeshConfig {
  dataMesh: DataMeshConfig;
  cluster: KafkaClusterConfig;
}

/**
 * Reads the `dataMesh` section of the app config and picks one cluster: what
 * `mesh export` needs to read the registry topic.
 */
export async function loadMeshConfig(
  options: LoadMeshConfigOptions = {},
): Promise<MeshConfig> {
  const env = options.env ?? process.env;
  const config = await loadAppConfig(options);
  let dataMesh: DataMeshConfig;
  try {
    dataMesh = readDataMeshConfig(config);
  } catch (error) {
    throw configError(error, options);
  }

  const name = options.cluster ?? dataMesh.clusters[0].name;
  const configured = dataMesh.clusters.find(c => c.name === name);
  if (!configured) {
    throw new CliError(
      `unknown cluster '${name}'; configured: ${dataMesh.clusters
        .map(c => c.name)
        .join(', ')}`,
    );
  }
  return { dataMesh, cluster: applyEnv(configured, env) };
}
