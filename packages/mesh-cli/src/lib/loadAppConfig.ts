import type { Config } from '@backstage/config';
import { ConfigSources, EnvConfigSource } from '@backstage/config-loader';
import { CliError } from './CliError';

export interface LoadAppConfigOptions {
  /** `--config` paths, relative to the working directory; none → the repo's app-config(.local).yaml. */
  configPaths?: string[];
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Where the default config files are looked up; defaults, as in the
   * backend, to the monorepo root above the working directory.
   */
  rootDir?: string;
}

/** The first line of an error's message; config-loader's can run long. */
export function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}

/** Turns a config read failure into a CliError, with a hint for `--config`. */
export function configError(
  error: unknown,
  options: LoadAppConfigOptions,
): CliError {
  const hint =
    options.configPaths?.length &&
    /^Missing required config value/.test(firstLine(error))
      ? ' (--config replaces the default app-config.yaml; pass it first to layer on top of it)'
      : '';
  return new CliError(`cannot load the config: ${firstLine(error)}${hint}`);
}

/**
 * Loads the app config the way the backend does: the files plus the
 * `APP_CONFIG_*` variables, so the CLI and the backend read the same values.
 */
export async function loadAppConfig(
  options: LoadAppConfigOptions = {},
): Promise<Config> {
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
        EnvConfigSource.create({ env: options.env ?? process.env }),
      ]),
    );
    config.close();
    return config;
  } catch (error) {
    throw configError(error, options);
  }
}
