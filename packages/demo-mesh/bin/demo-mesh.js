#!/usr/bin/env node
'use strict';

// `demo-mesh seed|start`: runs the TypeScript sources directly, without a
// build step, through the transform `backstage-cli package start` uses.
require('@backstage/cli/config/nodeTransform.cjs');

const { main } = require('../src/run.ts');

main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
