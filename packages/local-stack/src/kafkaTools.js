'use strict';

// Kafka's own command-line tools, run from the stack's jars as its admin:
// what `kafka-acls.sh` and friends do, without a Kafka distribution.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { loadConfig } = require('./config');
const { ensureSecrets, adminClientProperties } = require('./security');

const TOOLS = {
  'kafka-acls': 'org.apache.kafka.tools.AclCommand',
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
};

/**
 * Runs one of Kafka's tools (`kafka-acls`, `kafka-topics`,
 * `kafka-consumer-groups`) against the stack's broker as the admin;
 * `--bootstrap-server` and `--command-config` are added. Resolves with its
 * output; rejects with it when the tool fails.
 */
function runKafkaTool(tool, args, options = {}) {
  const mainClass = TOOLS[tool];
  if (!mainClass) {
    throw new Error(`unknown tool "${tool}" (${Object.keys(TOOLS).join(', ')})`);
  }
  const cfg = loadConfig(options.env);
  const secrets = ensureSecrets(cfg);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-tool-'));
  try {
    // The admin's password goes in a 0600 file, not onto the command line.
    const props = path.join(dir, 'admin.properties');
    fs.writeFileSync(props, adminClientProperties(cfg, secrets), { mode: 0o600 });
    const result = spawnSync(
      cfg.java,
      [
        '-Xmx256m',
        `-Dlog4j2.configurationFile=${cfg.kafka.toolsLog4jConfig}`,
        '-cp',
        path.join(cfg.kafka.libDir, '*'),
        mainClass,
        '--bootstrap-server',
        `localhost:${cfg.kafka.port}`,
        '--command-config',
        props,
        ...args,
      ],
      { encoding: 'utf8', timeout: options.timeoutMs ?? 120000 },
    );
    if (result.status !== 0) {
      throw new Error(
        `${tool} failed (exit ${result.status}): ${result.error?.message ?? ''}${result.stderr}${result.stdout}`,
      );
    }
    return result.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runKafkaTool, KAFKA_TOOLS: Object.keys(TOOLS) };
