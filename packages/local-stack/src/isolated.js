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
 * @returns {Promise<{brokers: string, registryUrl: string, stopPart: Function, startPart: Function, down: Function}>}
 */
async function startIsolatedStack(stack, options = {}) {
  const env = { ...process.env };
  delete env.DATA_MESH_KAFKA_BROKERS;
  delete env.DATA_MESH_SCHEMA_REGISTRY_URL;
  Object.assign(env, {
    STACK_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-stack-')),
    STACK_LIB_DIR: loadConfig().libDir,
    KAFKA_PORT: String(await freePort()),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    SCHEMA_REGISTRY_PORT: String(await freePort()),
  });
  const log = options.log || (() => {});
  const { brokers, registryUrl } = await stack.up({ env, log });
  return {
    brokers,
    registryUrl,
    startPart: name => stack.startPart(name, { env, log }),
    stopPart: name => stack.stopPart(name, { env }),
    async down() {
      await stack.down({ env, log });
      fs.rmSync(env.STACK_HOME, { recursive: true, force: true });
    },
  };
}

module.exports = { startIsolatedStack };
