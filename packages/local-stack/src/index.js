'use strict';

// JS API of the local stack, shared by bin/stack.js and jest global setup/teardown.
//
//   const stack = require('@kafka-mesh/local-stack');
//   const { brokers, registryUrl, started } = await stack.up();
//   ...
//   for (const part of started.reverse()) await stack.stopPart(part);

const fs = require('fs');
const { loadConfig } = require('./config');
const maven = require('./maven');
const { createKafkaPart } = require('./kafka');
const { createRegistryPart, REGISTRY_STORAGE_TOPIC } = require('./registry');
const { runKafkaTool, KAFKA_TOOLS } = require('./kafkaTools');
const { CLIENTS_ENV, clientConfig, clusterConfig } = require('./clients');
const { PRINCIPALS, ADMIN } = require('./security');
const { sleep, ownedPid, stopProcess, portTaken, tail } = require('./proc');

const PART_NAMES = ['kafka', 'registry']; // start order; stop in reverse
const STOP_GRACE_MS = 20000;

function partsOf(cfg) {
  return { kafka: createKafkaPart(cfg), registry: createRegistryPart(cfg) };
}

function getPart(cfg, name) {
  const part = partsOf(cfg)[name];
  if (!part)
    throw new Error(
      `unknown part "${name}" (expected one of: ${PART_NAMES.join(', ')})`,
    );
  return part;
}

function context(options = {}) {
  const cfg = loadConfig(options.env);
  return {
    cfg,
    log: options.log || console.log,
    deadline: Date.now() + (options.timeoutMs ?? cfg.startTimeoutMs),
  };
}

function partError(part, problem) {
  const logTail = part.external ? '' : tail(part.logFile, 40);
  return new Error(
    `${part.name}: ${problem}` +
      (logTail ? `\n--- last lines of ${part.logFile} ---\n${logTail}` : ''),
  );
}

// Polls until healthy. `pid` (a process we own) turns a crash into an
// immediate error instead of a wait for the full timeout.
async function waitHealthy(part, pid, deadline) {
  const since = Date.now();
  for (;;) {
    if (await part.healthy()) return (Date.now() - since) / 1000;
    if (pid && !ownedPid(part.pidFile, part.marker)) {
      throw partError(part, `process ${pid} exited during startup`);
    }
    if (Date.now() > deadline) {
      throw partError(
        part,
        `not healthy at ${part.address} after ${Math.round(
          (Date.now() - since) / 1000,
        )}s`,
      );
    }
    await sleep(500);
  }
}

/** Makes one part healthy; resolves true if this call started its process. */
async function ensurePart({ cfg, log, deadline }, name) {
  const part = getPart(cfg, name);
  if (await part.healthy()) {
    log(
      `${name}: already healthy at ${part.address}${
        part.external ? ' (external)' : ''
      }`,
    );
    if (!part.external) await part.configure?.(log);
    return false;
  }
  if (part.external) {
    log(`${name}: waiting for external ${part.address}…`);
    await waitHealthy(part, null, deadline);
    return false;
  }
  if (name === 'registry' && !(await partsOf(cfg).kafka.healthy())) {
    throw new Error(
      `registry: needs Kafka at ${cfg.kafka.brokers}, which is not healthy (run "stack up")`,
    );
  }
  const running = ownedPid(part.pidFile, part.marker);
  if (running) {
    // Started by an earlier or concurrent `up` that has not finished yet.
    log(`${name}: pid ${running} is still starting, waiting…`);
    await waitHealthy(part, running, deadline);
    return false;
  }

  ensureInstalled(cfg, { log });
  for (const { port, env } of part.ports) {
    if (await portTaken(port)) {
      throw new Error(
        `${name}: port ${port} is in use by another process (not a healthy ${name} of this stack); free it or set ${env}`,
      );
    }
  }
  log(`${name}: starting at ${part.address} (log: ${part.logFile})…`);
  const pid = await part.start(log);
  fs.writeFileSync(part.pidFile, `${pid}\n`);
  try {
    const seconds = await waitHealthy(part, pid, deadline);
    log(`${name}: healthy after ${seconds.toFixed(1)}s (pid ${pid})`);
    await part.configure?.(log);
  } catch (err) {
    // Don't leave a half-started server behind; the next `up` starts afresh.
    await stopOwned(part);
    throw err;
  }
  return true;
}

// Resolves the server files when missing or when maven/pom.xml changed.
function ensureInstalled(cfg, { force = false, log }) {
  if (!force && maven.isInstalled(cfg)) return false;
  const running = Object.values(partsOf(cfg)).filter(p =>
    ownedPid(p.pidFile, p.marker),
  );
  if (running.length) {
    throw new Error(
      `${running
        .map(p => p.name)
        .join(' and ')} must not run while Maven replaces ${cfg.libDir} ` +
        '(resolving again: --force or a changed maven/pom.xml); run "stack down" first',
    );
  }
  maven.install(cfg, log);
  return true;
}

async function stopOwned(part) {
  const pid = ownedPid(part.pidFile, part.marker);
  if (!pid) return false;
  await stopProcess(pid, STOP_GRACE_MS);
  fs.rmSync(part.pidFile, { force: true });
  return true;
}

/**
 * Starts whatever is not already healthy (Kafka first, the registry needs it)
 * and resolves once both are healthy.
 * options: { timeoutMs, log, env } — log(line) gets progress lines (default console.log).
 * @returns {Promise<{brokers: string, registryUrl: string, started: string[]}>}
 *   started: the parts this call started (empty when all were already healthy).
 */
async function up(options) {
  const ctx = context(options);
  const started = [];
  try {
    for (const name of PART_NAMES) {
      if (await ensurePart(ctx, name)) started.push(name);
    }
  } catch (err) {
    // All or nothing: a caller that gets an error (e.g. jest global setup, whose
    // teardown then never runs) must not be left owning half a stack.
    for (const name of started.reverse())
      await stopOwned(getPart(ctx.cfg, name));
    throw err;
  }
  return {
    brokers: ctx.cfg.kafka.brokers,
    registryUrl: ctx.cfg.registry.url,
    clientsFile: ctx.cfg.kafka.external ? null : ctx.cfg.kafka.clientsFile,
    started,
  };
}

/** Starts one part (the registry requires a healthy Kafka). Resolves true if it started a process. */
function startPart(name, options) {
  return ensurePart(context(options), name);
}

/** Stops one part if we started it (recorded pid). Resolves true if a process was stopped. */
function stopPart(name, options = {}) {
  return stopOwned(getPart(loadConfig(options.env), name));
}

/** Stops every process we recorded (registry first); leaves anything else alone. */
async function down(options = {}) {
  const log = options.log || console.log;
  const parts = partsOf(loadConfig(options.env));
  for (const name of [...PART_NAMES].reverse()) {
    const part = parts[name];
    const pid = ownedPid(part.pidFile, part.marker);
    if (pid) {
      log(`${name}: stopping pid ${pid}…`);
      await stopOwned(part);
    }
  }
}

/** Per part: { external, address, pid, healthy, dataDir, logFile }. */
async function status(options = {}) {
  const cfg = loadConfig(options.env);
  const result = { home: cfg.home };
  for (const [name, part] of Object.entries(partsOf(cfg))) {
    result[name] = {
      external: part.external,
      address: part.address,
      pid: part.external ? null : ownedPid(part.pidFile, part.marker),
      healthy: await part.healthy(),
      dataDir: part.dataDir,
      logFile: part.logFile,
    };
  }
  return result;
}

/** Last `lines` lines of a part's log. */
function logs(name, lines = 40, options = {}) {
  return tail(getPart(loadConfig(options.env), name).logFile, lines);
}

/** Resolves the server binaries with Maven if missing (or always with force). Resolves true if it ran Maven. */
async function install(options = {}) {
  return ensureInstalled(loadConfig(options.env), {
    force: options.force,
    log: options.log || console.log,
  });
}

/** A private stack on free ports; see isolated.js. */
function startIsolated(options) {
  return require('./isolated').startIsolatedStack(module.exports, options);
}

module.exports = {
  up,
  startIsolated,
  down,
  status,
  startPart,
  stopPart,
  logs,
  install,
  loadConfig,
  clientConfig,
  clusterConfig,
  runKafkaTool,
  KAFKA_TOOLS,
  CLIENTS_ENV,
  PRINCIPALS,
  ADMIN,
  PART_NAMES,
  REGISTRY_STORAGE_TOPIC,
};
