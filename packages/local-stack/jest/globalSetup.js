'use strict';

// Jest global setup for packages whose tests need the real broker and
// registry: starts the local stack when it is not running, and hands the
// addresses to the test workers through the environment.
const stack = require('../src');

module.exports = async function globalSetup() {
  // Several jest projects may list this setup; the stack only starts once.
  if (globalThis.__localStack) return;
  const { brokers, registryUrl, clientsFile, started } = await stack.up({
    log: line => process.stderr.write(`[stack] ${line}\n`),
  });
  globalThis.__localStack = { started };
  process.env.DATA_MESH_KAFKA_BROKERS = brokers;
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL = registryUrl;
  // The secured broker's principals (passwords, CA): stack.clientConfig().
  if (clientsFile) process.env[stack.CLIENTS_ENV] = clientsFile;
};
