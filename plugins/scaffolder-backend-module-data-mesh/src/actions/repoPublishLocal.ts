import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { catalogInfoRef, REGISTRABLE_KINDS } from '../lib/catalogInfoRefs';
import { GitAuthor, publishLocalRepository } from '../lib/localGitRepository';
import { examples } from './repoPublishLocal.examples';

const REPO_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/;

/** What the templates generate: one Component (a producer, a consumer app). */
const DEFAULT_KINDS = ['Component'];

export interface LocalRepositoriesOptions {
  /** Absolute folder holding the repositories. */
  root: string;
  author: GitAuthor;
}

async function readCatalogInfo(file: string, shown: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `${shown} does not exist in the skeleton; set catalogInfoPath, or registerCatalogInfo: false`,
    );
  }
}

/**
 * `dataMesh:repo:publishLocal`: where no git host is configured (local
 * development, demos), a skeleton still ends up in a real git repository:
 * one per name under `dataMesh.scaffolder.localRepositories.root`, and its
 * catalog-info.yaml is registered as a file location.
 */
export function createRepoPublishLocalAction(options: {
  catalog: CatalogService;
  repositories: LocalRepositoriesOptions;
}) {
  const { catalog, repositories } = options;
  return createTemplateAction({
    id: 'dataMesh:repo:publishLocal',
    description:
      'Commits the workspace (or a folder of it) into a new local git repository under dataMesh.scaffolder.localRepositories.root and registers its catalog-info.yaml in the catalog. For installations without a git hosting integration.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              "Name of the repository folder: letters, digits, '.', '_' and '-'",
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to commit; the whole workspace by default',
            ),
        registerCatalogInfo: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Register the catalog-info.yaml in the catalog (default true)',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog file inside the repository (default /catalog-info.yaml)',
            ),
        allowedKinds: z =>
          z
            .array(z.enum(REGISTRABLE_KINDS))
            .min(1)
            .optional()
            .describe(
              `The kinds the catalog file may describe (default Component). It must describe exactly one entity; Group, User and Location are never registered. One of: ${REGISTRABLE_KINDS.join(
                ', ',
              )}`,
            ),
      },
      output: {
        repoPath: z => z.string().describe('Folder of the repository'),
        remoteUrl: z => z.string().describe('file:// URL to clone it from'),
        catalogInfoPath: z =>
          z.string().describe('Absolute path of its catalog-info.yaml'),
        entityRefs: z =>
          z
            .array(z.string())
            .describe(
              'The entity its catalog-info.yaml describes (empty when not registered)',
            ),
      },
    },
    async handler(ctx) {
      const { repoName } = ctx.input;
      if (!REPO_NAME.test(repoName) || repoName.includes('..')) {
        throw new InputError(
          `repoName '${repoName}' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit`,
        );
      }
      const register = ctx.input.registerCatalogInfo ?? true;
      // The input schema says so too; this holds where it was not checked.
      const allowedKinds: readonly string[] =
        ctx.input.allowedKinds ?? DEFAULT_KINDS;
      const unregistrable = allowedKinds.filter(
        kind => !(REGISTRABLE_KINDS as readonly string[]).includes(kind),
      );
      if (unregistrable.length > 0) {
        throw new InputError(
          `allowedKinds may list only ${REGISTRABLE_KINDS.join(
            ', ',
          )}, not ${unregistrable.join(
            ', ',
          )}: a generated repository never registers who may do what, nor more locations`,
        );
      }
      const relativeInfo = (
        ctx.input.catalogInfoPath ?? '/catalog-info.yaml'
      ).replace(/^\/+/, '');
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const repoPath = resolveSafeChildPath(repositories.root, repoName);
      const catalogInfoPath = resolveSafeChildPath(repoPath, relativeInfo);

      // Everything that can be wrong with the input is found before the
      // repository exists.
      const isFolder = await fs.stat(source).then(
        stat => stat.isDirectory(),
        () => false,
      );
      if (!isFolder) {
        throw new InputError(
          `sourcePath '${ctx.input.sourcePath}' is not a folder of the workspace`,
        );
      }
      // Only what the template generated is registered: one entity of an
      // expected kind, checked before anything is committed.
      const entityRefs = register
        ? [
            catalogInfoRef(
              await readCatalogInfo(
                resolveSafeChildPath(source, relativeInfo),
                `/${relativeInfo}`,
              ),
              `/${relativeInfo}`,
              allowedKinds,
            ),
          ]
        : [];

      const requestedBy = ctx.user?.ref
        ? `\n\nRequested by ${ctx.user.ref}`
        : '';
      const { created } = await publishLocalRepository({
        source,
        repoPath,
        message: `Initial commit from ${
          ctx.templateInfo?.entityRef ?? 'the scaffolder'
        }${requestedBy}`,
        author: repositories.author,
        dryRun: ctx.isDryRun,
      });
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would commit ${source} to ${repoPath}`);
      } else if (created) {
        ctx.logger.info(
          `Committed ${source} to the new repository ${repoPath}`,
        );
      } else {
        ctx.logger.info(`${repoPath} holds the same content already`);
      }

      if (register && !ctx.isDryRun) {
        await catalog
          .addLocation(
            { type: 'file', target: catalogInfoPath, onConflict: 'refresh' },
            { credentials: await ctx.getInitiatorCredentials() },
          )
          .catch(error => {
            // The catalog client's ResponseError carries the catalog's own
            // message in its body; its message only names the status.
            const said = `${error?.message} ${error?.body?.error?.message}`;
            if (said.includes('must be of an allowed type')) {
              throw new InputError(
                `The repository is at ${repoPath}, but the catalog refuses file locations: set dataMesh.scaffolder.localRepositories.enabled (the data mesh catalog module then allows the file location type), or set registerCatalogInfo: false`,
              );
            }
            throw error;
          });
        ctx.logger.info(
          `Registered ${catalogInfoPath}: ${entityRefs.join(', ')}`,
        );
      }

      ctx.output('repoPath', repoPath);
      ctx.output('remoteUrl', `file://${repoPath}`);
      ctx.output('catalogInfoPath', path.normalize(catalogInfoPath));
      ctx.output('entityRefs', entityRefs);
    },
  });
}
