'use strict';

// How a client connects to the secured stack as one of its principals, in
// the shape kafkajs (and the suite's `dataMesh.kafka.clusters[]`) takes.
// The stack writes the settings to <home>/secrets/clients.json; jest's
// global setup hands its path to the workers as DATA_MESH_KAFKA_CLIENTS.

const fs = require('fs');
const { loadConfig } = require('./config');

const CLIENTS_ENV = 'DATA_MESH_KAFKA_CLIENTS';

function clientsFileOf(env) {
  if (env[CLIENTS_ENV]) return env[CLIENTS_ENV];
  const cfg = loadConfig(env);
  return cfg.kafka.external ? null : cfg.kafka.clientsFile;
}

/**
 * kafkajs settings for `principal` ('admin', 'portal', 'consumer-app-1', …)
 * over the SASL_PLAINTEXT (`sasl`) or SASL_SSL (`ssl`) listener. For an
 * external cluster without a clients file: its brokers, unauthenticated.
 */
function clientConfig(principal = 'portal', options = {}) {
  const env = options.env || process.env;
  const listener = options.listener || 'sasl';
  const file = options.clientsFile || clientsFileOf(env);
  if (!file) {
    return { brokers: loadConfig(env).kafka.brokers.split(',') };
  }
  let clients;
  try {
    clients = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `local stack: cannot read ${file} (${error.code ?? error.message}); run "yarn stack up"`,
    );
  }
  const password = clients.passwords[principal];
  if (!password) {
    throw new Error(
      `local stack: no principal "${principal}" (known: ${Object.keys(
        clients.passwords,
      ).join(', ')})`,
    );
  }
  if (!clients.brokers[listener]) {
    throw new Error(`local stack: no listener "${listener}" (sasl | ssl)`);
  }
  return {
    brokers: clients.brokers[listener],
    sasl: { mechanism: clients.mechanism, username: principal, password },
    ...(listener === 'ssl' && { ssl: { ca: [clients.ca] } }),
  };
}

/** clientConfig as one of `dataMesh.kafka.clusters` (name `local` unless given). */
function clusterConfig(principal = 'portal', options = {}) {
  return { name: options.name || 'local', ...clientConfig(principal, options) };
}

module.exports = { CLIENTS_ENV, clientConfig, clusterConfig };
