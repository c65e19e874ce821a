'use strict';

// The local stack, then one production build of the app that every browser
// test file's backend serves (workers see E2E_APP_BUILT and skip building).
const stackSetup = require('@kafka-mesh/local-stack/jest/globalSetup');
const { buildApp } = require('../src/buildApp');

module.exports = async function globalSetup(...args) {
  await stackSetup(...args);
  if (process.env.E2E_APP_BUILT !== '1') {
    buildApp();
    process.env.E2E_APP_BUILT = '1';
  }
};
