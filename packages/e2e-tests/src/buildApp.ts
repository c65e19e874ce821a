import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

/**
 * Builds the frontend so the backend's app plugin serves it, as in
 * production: the browser tests run against what users would get.
 */
export function buildApp(): void {
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
    ],
    {
      cwd: path.join(repoRoot, 'packages/app'),
      stdio: 'inherit',
      // Jest runs with NODE_ENV=test; the bundle and its browserslist
      // target are chosen by the production environment.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}
