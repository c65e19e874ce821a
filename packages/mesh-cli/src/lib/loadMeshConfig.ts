import { ConfigSources, EnvConfigSource } from '@backstage/config-loader';
import type { GovernanceRules } from '@kafka-mesh/plugin-data-mesh-common';
import {
  DataMeshConfig,
  KafkaClusterConfig,
  readDataMeshConfig,
  readGovernanceRules,
} from '@kafka-mesh/plugin-data-mesh-node';
import { CliError } from './CliError';

/** Comma separated brokers that replace the chosen cluster's, e.g. for the local stack. */
export const BROKERS_ENV = 'DATA_MESH_KAFKA_BROKERS';

export interface LoadMeshConfigOptions {
  /** `--config` paths, relative to the working directory; none → the repo's app-config(.local).yaml. */
  configPaths?: string[];
  /** `--cluster`; none → the first configured cluster. */
  cluster?: string;
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Where the default config files are looked up; defaults, as in the
   * backend, to the monorepo root above the working directory.
   */
  rootDir?: string;
}

export interface MeshConfig {
  dataMesh: DataMeshConfig;
  cluster: KafkaClusterConfig;
  /** `dataMesh.governance`, the rules the backend enforces too. */
  governance: GovernanceRules;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}

/**
 * Loads the app config the way the backend does (files plus `APP_CONFIG_*`
 * variables), reads its `dataMesh` section, governance rules included, and
 * picks one cluster.
 */
export async function loadMeshConfig(
  options: LoadMeshConfigOptions = {},
): Promise<MeshConfig> {
  const env = options.env ?? process.env;
  let dataMesh: DataMeshConfig;
  let governance: GovernanceRules;
  try {
    const config = await ConfigSources.toConfig(
      ConfigSources.merge([
        ConfigSources.defaultForTargets({
          rootDir: options.rootDir,
          watch: false, // a watcher would keep the process alive
          targets: (options.configPaths ?? []).map(target => ({
            type: 'path' as const,
            target,
          })),
        }),
        // The same APP_CONFIG_* overrides the backend honours.
        EnvConfigSource.create({ env }),
      ]),
    );
    config.close();
    dataMesh = readDataMeshConfig(config);
    governance = readGovernanceRules(config);
  } catch (error) {
    const hint =
      options.configPaths?.length &&
      /^Missing required config value/.test(firstLine(error))
        ? ' (--config replaces the default app-config.yaml; pass it first to layer on top of it)'
        : '';
    throw new CliError(`cannot load the config: ${firstLine(error)}${hint}`);
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
  return { dataMesh, cluster, governance };
}
