import { Config } from '@backstage/config';
import path from 'node:path';
import type { LocalRepositoriesOptions } from '../actions/repoPublishLocal';

export const DEFAULT_REPOSITORIES_ROOT = '../../.data/repositories';
const DEFAULT_CATALOG_WAIT_SECONDS = 60;

export interface ScaffolderModuleConfig {
  repositories: LocalRepositoriesOptions;
  catalogWaitMs: number;
}

/**
 * The module's own settings under `dataMesh.scaffolder`, with defaults. A
 * relative repositories root is resolved against the backend's working
 * directory, like the catalog's file locations.
 */
export function readScaffolderConfig(
  config: Config,
  cwd: string = process.cwd(),
): ScaffolderModuleConfig {
  const section = config.getOptionalConfig('dataMesh.scaffolder');
  const repositories = section?.getOptionalConfig('localRepositories');
  const wait =
    section?.getOptionalNumber('catalogWaitSeconds') ??
    DEFAULT_CATALOG_WAIT_SECONDS;
  if (!(wait >= 0)) {
    throw new Error(
      `Invalid config at dataMesh.scaffolder.catalogWaitSeconds: ${wait} is not a number of seconds`,
    );
  }
  return {
    repositories: {
      root: path.resolve(
        cwd,
        repositories?.getOptionalString('root') ?? DEFAULT_REPOSITORIES_ROOT,
      ),
      author: {
        name:
          repositories?.getOptionalString('author.name') ??
          'Backstage Scaffolder',
        email:
          repositories?.getOptionalString('author.email') ??
          'scaffolder@backstage.local',
      },
    },
    catalogWaitMs: wait * 1000,
  };
}
