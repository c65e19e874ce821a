#!/usr/bin/env node
'use strict';

// `yarn dev`: a newcomer's first command. Starts what is not running of
// the local stack, seeds the demo mesh, runs its generators, processors and
// consumer in this process, and starts the portal. One Ctrl-C stops all of
// it: the portal, the demo, and the stack parts this command started (a
// stack that was already running keeps running).

const path = require('path');
const { spawn } = require('child_process');
const stack = require('@kafka-mesh/local-stack');

require('@backstage/cli/config/nodeTransform.cjs');
const { seedDemoMesh, startDemoRuntime } = require('../src/index.ts');

const REPO_ROOT = path.resolve(__dirname, '../../..');
const BACKSTAGE_CLI = path.join(
  REPO_ROOT,
  'node_modules/@backstage/cli/bin/backstage-cli',
);
const PORTAL_STOP_GRACE_MS = 20000;

const log = line => process.stdout.write(`[dev] ${line}\n`);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * `backstage-cli repo start` in its own process group, so that stopping it
 * stops the frontend and backend processes it spawns as well. The portal is
 * pointed at the stack that `up` found or started, and connects as the
 * `portal` principal: its credentials go to this child's environment only
 * (never to ours, never to the terminal).
 */
function startPortal({ clientOptions, registryUrl }) {
  const child = spawn(process.execPath, [BACKSTAGE_CLI, 'repo', 'start'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    detached: true,
    env: {
      ...process.env,
      // Replaces app-config.yaml's dataMesh.kafka.clusters (config arrays
      // are replaced, not merged): brokers plus the portal's sasl block.
      APP_CONFIG_dataMesh_kafka_clusters: JSON.stringify([
        stack.clusterConfig('portal', clientOptions),
      ]),
      APP_CONFIG_dataMesh_schemaRegistry_url: registryUrl,
    },
  });
  const exited = new Promise(resolve => child.once('exit', resolve));
  const signal = sig => {
    try {
      process.kill(-child.pid, sig);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  };
  return {
    pid: child.pid,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      log(`stopping the portal (process group ${child.pid})…`);
      signal('SIGINT');
      const gone = await Promise.race([
        exited.then(() => true),
        sleep(PORTAL_STOP_GRACE_MS).then(() => false),
      ]);
      if (!gone) {
        signal('SIGKILL');
        await exited;
      }
      // Grandchildren that ignored the leader's exit go with the group.
      signal('SIGKILL');
    },
  };
}

async function main() {
  let interrupted = false;
  let wake;
  const interruption = new Promise(resolve => (wake = resolve));
  const onSignal = signal => {
    if (interrupted) {
      log(`${signal} again: still stopping, please wait`);
      return;
    }
    interrupted = true;
    log(`${signal}: stopping what yarn dev started…`);
    wake();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // Undone in reverse order, whether we get to the end or are interrupted.
  const cleanups = [];
  try {
    const { registryUrl, clientsFile, started } = await stack.up({
      log: line => log(`stack: ${line}`),
    });
    cleanups.push(async () => {
      if (started.length === 0) {
        log('stack: leaving it running (it was running before yarn dev)');
      }
      for (const part of [...started].reverse()) {
        log(`stack: stopping ${part}…`);
        await stack.stopPart(part);
      }
    });
    if (interrupted) return 130;

    // The seed runs as the operator (admin) and the portal, every demo app
    // as its own principal. An external cluster has no clients file:
    // clientConfig then gives its brokers, unauthenticated.
    const clientOptions = clientsFile ? { clientsFile } : {};
    const options = {
      clientFor: principal => stack.clientConfig(principal, clientOptions),
      registryUrl,
      log: line => log(`demo: ${line}`),
    };
    await seedDemoMesh(options);
    if (interrupted) return 130;
    const runtime = await startDemoRuntime(options);
    cleanups.push(async () => {
      log('demo: stopping generators, processors and consumer…');
      await runtime.stop();
    });
    if (interrupted) return 130;

    const portal = startPortal({ clientOptions, registryUrl });
    cleanups.push(() => portal.stop());
    log(
      `portal starting (pid ${portal.pid}): http://localhost:3000/data-mesh once it is up; Ctrl-C stops everything`,
    );
    const code = await Promise.race([interruption, portal.exited]);
    if (interrupted) return 130;
    log(`the portal exited (${code}); stopping the rest`);
    return 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(error => log(`while stopping: ${error.message}`));
    }
    log('stopped');
  }
}

main().then(
  code => process.exit(code),
  error => {
    log(`failed: ${error.message}`);
    process.exit(1);
  },
);
