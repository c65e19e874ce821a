import { ConflictError, InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Who the commits are by. */
export interface GitAuthor {
  name: string;
  email: string;
}

async function git(
  cwd: string,
  args: string[],
  author: GitAuthor,
): Promise<string> {
  const { stdout } = await run(
    'git',
    // Never the machine's own git config: no signing prompts, no hooks.
    ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args],
    {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      },
    },
  );
  return stdout.trim();
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Makes `dir` a git repository holding `source` in one commit; returns the
 * hash of its tree, which depends on the content only, so two repositories
 * compare by it.
 */
async function stage(
  source: string,
  dir: string,
  message: string,
  author: GitAuthor,
): Promise<string> {
  await fs.cp(source, dir, {
    recursive: true,
    filter: file => path.basename(file) !== '.git',
  });
  await git(dir, ['init', '--quiet', '--initial-branch=main'], author);
  await git(dir, ['add', '--all'], author);
  if (!(await git(dir, ['status', '--porcelain'], author))) {
    throw new InputError(`There is nothing to commit in ${source}`);
  }
  await git(dir, ['commit', '--quiet', '--message', message], author);
  return git(dir, ['rev-parse', 'HEAD^{tree}'], author);
}

/** The tree of an existing repository's HEAD, or undefined when it is not one. */
async function treeOf(
  repoPath: string,
  author: GitAuthor,
): Promise<string | undefined> {
  if (!(await exists(path.join(repoPath, '.git')))) return undefined;
  return git(repoPath, ['rev-parse', 'HEAD^{tree}'], author).catch(
    () => undefined,
  );
}

/**
 * Commits `source` into a new git repository at `repoPath`. The repository
 * is built next to it and renamed into place, so a failure never leaves a
 * half-made one. When `repoPath` holds a repository with the very same
 * content already, nothing changes (a re-run); any other content there is
 * refused, never overwritten. With `dryRun` the repository is built in a
 * temporary folder and thrown away.
 */
export async function publishLocalRepository(options: {
  source: string;
  repoPath: string;
  message: string;
  author: GitAuthor;
  dryRun?: boolean;
}): Promise<{ created: boolean }> {
  const { source, repoPath, message, author, dryRun } = options;
  // Staged next to the target, so that the rename stays on one file system.
  const parent = dryRun
    ? await fs.mkdtemp(path.join(os.tmpdir(), 'data-mesh-repo-'))
    : path.dirname(repoPath);
  if (!dryRun) await fs.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.staging-${randomUUID()}`);
  try {
    const tree = await stage(source, staging, message, author);
    if (await exists(repoPath)) {
      const existing = await treeOf(repoPath, author);
      if (existing === tree) return { created: false };
      throw new ConflictError(
        existing
          ? `The repository ${repoPath} exists already with other content; choose another repository name`
          : `${repoPath} exists already and is not a git repository; choose another repository name`,
      );
    }
    if (dryRun) return { created: false };
    await fs.rename(staging, repoPath);
    return { created: true };
  } finally {
    await fs.rm(dryRun ? parent : staging, { recursive: true, force: true });
  }
}
