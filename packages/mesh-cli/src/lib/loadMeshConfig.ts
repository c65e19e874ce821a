import {
  DataMeshConfig,
  KafkaClusterConfig,
  readDataMeshConfig,
} from '@kafka-mesh/plugin-data-mesh-node';
import { CliError } from './CliError';
import {
  configError,
  loadAppConfig,
  LoadAppConfigOptions,
} from './loadAppConfig';

/** Comma separated brokers that replace the chosen cluster's, e.g. for the local stack. */
export const BROKERS_ENV = 'DATA_MESH_KAFKA_BROKERS';

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
  const brokers = env[BROKERS_ENV]?.split(',')
    .map(b => b.trim())
    .filter(Boolean);
  const cluster = brokers?.length ? { ...configured, brokers } : configured;
  return { dataMesh, cluster };
}
