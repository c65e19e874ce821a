'use strict';

// Plain JavaScript so that jest's global setup (which is not transpiled)
// can build the app once for all browser test files; buildApp.d.ts types it.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { repoRoot } = require('./repoPaths');

/**
 * Builds the frontend so the backend's app plugin serves it, as in
 * production: the browser tests run against what users would get. Within a
 * jest run the global setup has built it already; building again while
 * another test file's backend serves `packages/app/dist` would pull the
 * files from under it.
 */
function buildApp() {
  if (process.env.E2E_APP_BUILT === '1') return;
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

module.exports = { buildApp };
