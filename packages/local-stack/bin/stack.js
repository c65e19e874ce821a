#!/usr/bin/env node
'use strict';

// `yarn stack <command>`: local Kafka + Apicurio Registry for development and tests.

const path = require('path');
const stack = require('../src');

const USAGE = `usage: stack <command>

  up                   start Kafka and the schema registry unless already healthy
  down                 stop the processes this stack started
  status               show what runs where
  logs [kafka|registry] print the end of the log(s)
  start <part>         start one part (kafka | registry)
  stop <part>          stop one part
  install [--force]    resolve the server binaries with Maven (CI pre-fetch)
  kafka-acls <args>    Kafka's own tools as the broker's admin, e.g.
  kafka-topics <args>    stack kafka-acls --list --topic orders.v1
  kafka-consumer-groups <args>
  client <principal> [sasl|ssl]
                       print kafkajs settings for a principal (with its password)

environment: KAFKA_PORT (9092, SASL_PLAINTEXT), KAFKA_SSL_PORT (9094, SASL_SSL),
  KAFKA_CONTROLLER_PORT (9093),
  SCHEMA_REGISTRY_PORT (8081),
  DATA_MESH_KAFKA_BROKERS / DATA_MESH_SCHEMA_REGISTRY_URL (use an external service),
  STACK_HOME (<repo>/.stack), STACK_START_TIMEOUT_MS (180000), JAVA_HOME`;

// Short paths when run from inside the repo (`yarn stack`), absolute otherwise.
function rel(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function owner(p) {
  if (p.external) return 'external';
  return p.pid ? `pid ${p.pid}` : 'not running';
}

function printStatus(s) {
  const indent = ' '.repeat(10);
  console.log(`stack home: ${rel(s.home)}`);
  for (const name of stack.PART_NAMES) {
    const p = s[name];
    const health = p.healthy ? 'healthy' : 'DOWN';
    console.log(
      `${name.padEnd(9)} ${health.padEnd(8)} ${owner(p).padEnd(12)} ${
        p.address
      }`,
    );
    if (p.dataDir) {
      const data = path.isAbsolute(p.dataDir) ? rel(p.dataDir) : p.dataDir;
      console.log(`${indent}data: ${data}`);
    }
    if (!p.external) console.log(`${indent}log:  ${rel(p.logFile)}`);
  }
}

function requirePart(name) {
  if (!stack.PART_NAMES.includes(name)) {
    throw new Error(
      `expected a part name (${stack.PART_NAMES.join(' | ')}), got "${
        name ?? ''
      }"`,
    );
  }
  return name;
}

async function main([command, arg, ...rest]) {
  switch (command) {
    case 'up': {
      const { brokers, registryUrl, started } = await stack.up();
      console.log(
        started.length
          ? `stack is up (started: ${started.join(', ')})`
          : 'stack was already up; nothing to do',
      );
      console.log(
        `  KAFKA_BROKERS=${brokers}\n  SCHEMA_REGISTRY_URL=${registryUrl}`,
      );
      return 0;
    }
    case 'down':
      await stack.down();
      console.log('stack is down');
      return 0;
    case 'status':
      printStatus(await stack.status());
      return 0;
    case 'logs':
      for (const name of arg ? [requirePart(arg)] : stack.PART_NAMES) {
        console.log(
          `==> ${name} <==\n${stack.logs(name, 40) || '(no log yet)'}`,
        );
      }
      return 0;
    case 'start':
      console.log(
        (await stack.startPart(requirePart(arg)))
          ? `${arg} started`
          : `${arg} was already running`,
      );
      return 0;
    case 'stop':
      console.log(
        (await stack.stopPart(requirePart(arg)))
          ? `${arg} stopped`
          : `${arg} was not running (as ours)`,
      );
      return 0;
    case 'kafka-acls':
    case 'kafka-topics':
    case 'kafka-consumer-groups':
      process.stdout.write(
        stack.runKafkaTool(command, [arg, ...rest].filter(Boolean)),
      );
      return 0;
    case 'client':
      // Asked for by name: prints a secret, so only to a terminal or pipe
      // the developer chose.
      console.log(
        JSON.stringify(
          stack.clientConfig(arg, { listener: rest[0] || 'sasl' }),
          null,
          2,
        ),
      );
      return 0;
    case 'install':
      if (!(await stack.install({ force: arg === '--force' }))) {
        console.log(
          'server binaries already resolved; use --force to resolve again',
        );
      }
      return 0;
    default:
      if (command && !['-h', '--help', 'help'].includes(command)) {
        console.error(USAGE);
        return 2;
      }
      console.log(USAGE);
      return 0;
  }
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  err => {
    console.error(`stack: ${err.message}`);
    process.exitCode = 1;
  },
);
