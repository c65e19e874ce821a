'use strict';

// A second, private stack on free ports, for tests that stop Kafka or the
// registry on purpose: the shared stack other test files use stays up.

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { loadConfig } = require('./config');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts an isolated stack; resolves with its addresses and controls.
 * @returns {Promise<import('./index').IsolatedStack>}
 */
async function startIsolatedStack(stack, options = {}) {
  const env = { ...process.env };
  delete env.DATA_MESH_KAFKA_BROKERS;
  delete env.DATA_MESH_SCHEMA_REGISTRY_URL;
  delete env.DATA_MESH_KAFKA_CLIENTS;
  Object.assign(env, {
    STACK_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-stack-')),
    STACK_LIB_DIR: loadConfig().libDir,
    KAFKA_PORT: String(await freePort()),
    KAFKA_SSL_PORT: String(await freePort()),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    SCHEMA_REGISTRY_PORT: String(await freePort()),
  });
  if (options.registryAuth) env.SCHEMA_REGISTRY_AUTH = 'basic';
  const log = options.log || (() => {});
  const { brokers, registryUrl, clientsFile } = await stack.up({ env, log });
  return {
    brokers,
    registryUrl,
    clientsFile,
    clientConfig: (principal, opts = {}) =>
      stack.clientConfig(principal, { ...opts, clientsFile }),
    clusterConfig: (principal, opts = {}) =>
      stack.clusterConfig(principal, { ...opts, clientsFile }),
    registryAuth: options.registryAuth
      ? JSON.parse(fs.readFileSync(clientsFile, 'utf8')).registry.auth
      : undefined,
    runKafkaTool: (tool, args, opts = {}) =>
      stack.runKafkaTool(tool, args, { ...opts, env }),
    startPart: name => stack.startPart(name, { env, log }),
    stopPart: name => stack.stopPart(name, { env }),
    async down() {
      await stack.down({ env, log });
      fs.rmSync(env.STACK_HOME, { recursive: true, force: true });
    },
  };
}

module.exports = { startIsolatedStack };
