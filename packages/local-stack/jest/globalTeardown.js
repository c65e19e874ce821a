'use strict';

// Stops only what globalSetup started, so a stack the developer runs by hand
// (`yarn stack up`) keeps running after the tests.
const stack = require('../src');

module.exports = async function globalTeardown() {
  const state = globalThis.__localStack;
  if (!state) return;
  globalThis.__localStack = undefined;
  for (const part of [...state.started].reverse()) {
    await stack.stopPart(part);
  }
};
