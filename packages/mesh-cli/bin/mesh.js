#!/usr/bin/env node
'use strict';

// `yarn mesh …` runs the root script from the repo root; resolve the user's
// relative paths (files, --config) from the directory they typed it in.
// The default app-config.yaml is still found at the repo root above it.
if (process.env.npm_lifecycle_event === 'mesh' && process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}

// Runs the TypeScript sources directly, without a build step, through the
// same transform `backstage-cli package start` uses for backend packages.
require('@backstage/cli/config/nodeTransform.cjs');

const { main } = require('../src/index.ts');

main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
