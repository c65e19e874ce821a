'use strict';

// Apicurio Registry 3.x (Quarkus app from the Maven tarball), storing its data
// in Kafka ("kafkasql") so schemas survive restarts of the registry.

const fs = require('fs');
const path = require('path');
const { httpStatus } = require('./health');
const { spawnDetached } = require('./proc');
const { ensureSecrets, jaasScram } = require('./security');

/**
 * The registry's Kafka clients authenticate as its own principal. Apicurio
 * passes `apicurio.kafkasql.{producer,consumer,admin}.*` to its clients; the
 * password goes into a 0600 file Quarkus reads from its working directory
 * (config/application.properties), never onto the command line.
 */
function writeKafkaCredentials(cfg, dir) {
  const secrets = ensureSecrets(cfg);
  const jaas = jaasScram('registry', secrets.passwords.registry);
  const lines = ['producer', 'consumer', 'admin'].flatMap(client => [
    `apicurio.kafkasql.${client}.security.protocol=SASL_PLAINTEXT`,
    `apicurio.kafkasql.${client}.sasl.mechanism=SCRAM-SHA-512`,
    `apicurio.kafkasql.${client}.sasl.jaas.config=${jaas}`,
  ]);
  if (cfg.registry.basicAuth) {
    // Apicurio's own authentication needs an OIDC server; Quarkus's HTTP
    // basic with an embedded user is what runs here without one.
    lines.push(
      'quarkus.http.auth.basic=true',
      'quarkus.security.users.embedded.enabled=true',
      'quarkus.security.users.embedded.plain-text=true',
      `quarkus.security.users.embedded.users.portal=${secrets.passwords.portal}`,
      'quarkus.security.users.embedded.roles.portal=sr-admin',
      'quarkus.http.auth.permission.apis.paths=/apis/*',
      'quarkus.http.auth.permission.apis.policy=authenticated',
    );
  }
  const configDir = path.join(dir, 'config');
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const file = path.join(configDir, 'application.properties');
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * Apicurio's kafkasql journal: every write to the registry appends to it,
 * which the catalog reads as "the registry changed" (see the data mesh's
 * `dataMesh.schemaRegistry.storageTopic`).
 */
const REGISTRY_STORAGE_TOPIC = 'kafkasql-journal';

// 3.0.x ships apicurio-registry-app-<v>-runner.jar, later releases quarkus-run.jar.
function findJar(appDir) {
  const jar = fs
    .readdirSync(appDir)
    .find(f => /(-runner|^quarkus-run)\.jar$/.test(f));
  if (!jar) {
    throw new Error(
      `registry: no runnable jar in ${appDir}; run "stack install --force"`,
    );
  }
  return path.join(appDir, jar);
}

/** The portal's basic credentials when the registry requires them. */
function authHeaders(cfg) {
  if (!cfg.registry.basicAuth || cfg.registry.external) return {};
  const password = ensureSecrets(cfg).passwords.portal;
  return {
    Authorization: `Basic ${Buffer.from(`portal:${password}`).toString('base64')}`,
  };
}

function createRegistryPart(cfg) {
  const r = cfg.registry;
  const readyUrl = `http://localhost:${r.port}/health/ready`;
  return {
    name: 'registry',
    external: r.external,
    address: r.url,
    // Its data lives in Kafka topics (the journal and kafkasql-snapshots).
    dataDir: r.external
      ? null
      : `kafka topic ${REGISTRY_STORAGE_TOPIC} @ ${cfg.kafka.brokers}`,
    logFile: r.logFile,
    pidFile: r.pidFile,
    // Our registry is the java process running a jar from our lib dir.
    marker: `${r.appDir}${path.sep}`,
    ports: [{ port: r.port, env: 'SCHEMA_REGISTRY_PORT' }],
    async healthy() {
      // Readiness covers the storage (journal caught up); the ccompat call proves
      // the URL we hand out really serves the Confluent API.
      if (!r.external && (await httpStatus(readyUrl)) !== 200) return false;
      return (
        (await httpStatus(`${r.url}/subjects`, 3000, authHeaders(cfg))) === 200
      );
    },
    // The property above enforces BACKWARD, but the Confluent API's GET
    // /config only reports a level that was PUT there; without this, tools
    // that read it (governance checks of the compatibility level) see NONE.
    async configure() {
      const res = await fetch(`${r.url}/config`, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/vnd.schemaregistry.v1+json',
          ...authHeaders(cfg),
        },
        body: JSON.stringify({ compatibility: 'BACKWARD' }),
      });
      if (!res.ok) {
        throw new Error(
          `registry: setting the global compatibility failed: HTTP ${
            res.status
          } ${await res.text()}`,
        );
      }
    },
    start() {
      const tmp = path.join(cfg.tmpDir, 'registry');
      fs.mkdirSync(tmp, { recursive: true });
      const workDir = path.join(cfg.runDir, 'registry');
      writeKafkaCredentials(cfg, workDir);
      const props = {
        'quarkus.http.host': 'localhost',
        'quarkus.http.port': r.port,
        'apicurio.storage.kind': 'kafkasql',
        'apicurio.kafkasql.bootstrap.servers': cfg.kafka.brokers,
        'apicurio.kafkasql.topic': REGISTRY_STORAGE_TOPIC,
        // Readiness waits for a full journal poll; at the upstream 5 s that was
        // most of the startup (measured with C1 below: ~4.5 s instead of ~11.5 s).
        'apicurio.kafkasql.consumer.poll.timeout': 500,
        // Upstream defaults point at /tmp, shared with everything else on the machine.
        'apicurio.storage.snapshot.location': tmp,
        'apicurio.import.work-dir': tmp,
        // Confluent dedupes a re-registered schema by its parsed form, not its
        // exact text (whitespace, key order); the canonical hash does the same.
        'apicurio.ccompat.use-canonical-hash': true,
        // Confluent's default compatibility is BACKWARD, Apicurio's is none at all;
        // this default global rule applies until someone PUTs /config (see
        // configure(), which makes the Confluent API report it too).
        'apicurio.rules.global.compatibility': 'BACKWARD',
        // Confluent allows DELETE /subjects/...; keep that working for test cleanup.
        'apicurio.rest.deletion.artifact.enabled': true,
        'apicurio.rest.deletion.artifact-version.enabled': true,
        'apicurio.rest.deletion.group.enabled': true,
        // Upstream pattern prints dates like "2026-11+00-24".
        'quarkus.log.console.format':
          '%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%c{3.}] (%t) %m%n',
      };
      return spawnDetached(
        cfg.java,
        [
          '-Xms128m',
          '-Xmx512m',
          // C1 only: a dev registry wants fast startup, not peak throughput.
          '-XX:TieredStopAtLevel=1',
          `-Djava.io.tmpdir=${tmp}`,
          ...Object.entries(props).map(([key, value]) => `-D${key}=${value}`),
          '-jar',
          findJar(r.appDir),
        ],
        { logFile: r.logFile, cwd: workDir },
      );
    },
  };
}

module.exports = { createRegistryPart, REGISTRY_STORAGE_TOPIC };
