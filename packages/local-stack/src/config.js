'use strict';

// The one place that turns the environment into stack settings, so the CLI,
// jest global setup and the part modules can never disagree about a port or path.

const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '../../..');

function port(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`${name}=${raw} is not a valid TCP port`);
  }
  return n;
}

function loadConfig(env = process.env) {
  const home = path.resolve(env.STACK_HOME || path.join(REPO_ROOT, '.stack'));
  // Isolated stacks (fault tests) share the resolved jars of the main one.
  const libDir = path.resolve(env.STACK_LIB_DIR || path.join(home, 'lib'));
  const runDir = path.join(home, 'run');
  const logDir = path.join(home, 'logs');
  const dataDir = path.join(home, 'data');

  const kafkaPort = port(env, 'KAFKA_PORT', 9092);
  const secretsDir = path.join(home, 'secrets');
  const registryPort = port(env, 'SCHEMA_REGISTRY_PORT', 8081);

  return {
    home,
    libDir,
    runDir,
    logDir,
    tmpDir: path.join(home, 'tmp'),
    startTimeoutMs: Number(env.STACK_START_TIMEOUT_MS) || 180000,
    java: env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java',
    pom: path.resolve(__dirname, '../maven/pom.xml'),
    kafka: {
      // Set => someone else runs the cluster; we only health-check it.
      external: Boolean(env.DATA_MESH_KAFKA_BROKERS),
      brokers: env.DATA_MESH_KAFKA_BROKERS || `localhost:${kafkaPort}`,
      // SASL_PLAINTEXT (SCRAM-SHA-512) on `port`, SASL_SSL on `sslPort`.
      port: kafkaPort,
      sslPort: port(env, 'KAFKA_SSL_PORT', 9094),
      controllerPort: port(env, 'KAFKA_CONTROLLER_PORT', 9093),
      secretsDir,
      // How to connect as each principal (passwords, CA): for tests and yarn dev.
      clientsFile: path.join(secretsDir, 'clients.json'),
      libDir: path.join(libDir, 'kafka'),
      dataDir: path.join(dataDir, 'kafka'),
      configFile: path.join(runDir, 'kafka-server.properties'),
      log4jConfig: path.resolve(__dirname, '../config/kafka-log4j2.properties'),
      toolsLog4jConfig: path.resolve(
        __dirname,
        '../config/tools-log4j2.properties',
      ),
      logFile: path.join(logDir, 'kafka.log'),
      pidFile: path.join(runDir, 'kafka.pid'),
    },
    registry: {
      external: Boolean(env.DATA_MESH_SCHEMA_REGISTRY_URL),
      // SCHEMA_REGISTRY_AUTH=basic: the registry's API needs HTTP basic
      // credentials (user `portal`, its stack password); health stays open.
      basicAuth: env.SCHEMA_REGISTRY_AUTH === 'basic',
      url: (
        env.DATA_MESH_SCHEMA_REGISTRY_URL ||
        `http://localhost:${registryPort}/apis/ccompat/v7`
      ).replace(/\/+$/, ''),
      port: registryPort,
      appDir: path.join(libDir, 'registry'),
      logFile: path.join(logDir, 'registry.log'),
      pidFile: path.join(runDir, 'registry.pid'),
    },
  };
}

module.exports = { loadConfig };
