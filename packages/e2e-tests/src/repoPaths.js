'use strict';

// Plain JavaScript so that jest's global setup (which is not transpiled) can
// use it too; repoPaths.d.ts types it. The monorepo's root is found from the
// working directory (jest runs in the repo or in this package), not from
// this file's location.
const { targetPaths } = require('@backstage/cli-common');
const path = require('node:path');

/** The monorepo's root folder. */
const repoRoot = targetPaths.rootDir;

/** Where test runs leave what people look at: screenshots, logs. */
const testResults = path.join(repoRoot, 'test-results');

module.exports = { repoRoot, testResults };
