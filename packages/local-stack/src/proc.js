'use strict';

// Process bookkeeping: detached spawning, pid files, ownership checks, stopping.

const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { once } = require('events');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Full command line of a live process, or null if it is gone. Zombies count as
// gone: a child we spawned ourselves lingers as one until Node reaps it.
function commandLine(pid) {
  if (fs.existsSync('/proc/self/cmdline')) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return null;
      return fs
        .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .join(' ');
    } catch {
      return null;
    }
  }
  try {
    // No /proc (macOS): ps gives the same answer.
    const out = execFileSync('ps', ['-o', 'stat=,args=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    return out && !out.startsWith('Z') ? out.replace(/^\S+\s+/, '') : null;
  } catch {
    return null;
  }
}

/**
 * The pid recorded in pidFile if that process is still alive and its command
 * line contains `marker` (a path under STACK_HOME), i.e. it is really ours and
 * not an unrelated process that inherited a recycled pid. Stale files are removed.
 */
function ownedPid(pidFile, marker) {
  let pid;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return null;
  }
  const cmd = pid > 0 ? commandLine(pid) : null;
  if (cmd && cmd.includes(marker)) return pid;
  fs.rmSync(pidFile, { force: true });
  return null;
}

const isRunning = pid => commandLine(pid) !== null;

/**
 * Starts a long-running server that outlives this Node process: own process
 * group (so Ctrl-C on the CLI or jest exiting does not reach it), output to
 * logFile, and unref'd so the event loop does not wait for it.
 */
async function spawnDetached(command, args, { logFile, cwd }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  // Keep exactly one previous log: enough to compare with the last run.
  if (fs.existsSync(logFile)) fs.renameSync(logFile, `${logFile}.1`);
  const fd = fs.openSync(logFile, 'a');
  let child;
  try {
    child = spawn(command, args, {
      cwd,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) {
    const [err] = await once(child, 'error');
    throw new Error(`could not run ${command}: ${err.message}`);
  }
  // Later errors (none expected once spawned) must not crash the caller.
  child.on('error', () => {});
  child.unref();
  return child.pid;
}

/**
 * SIGTERM, then SIGKILL after graceMs, to the process group spawnDetached
 * created (so helpers a server may fork go too); resolves once the leader is gone.
 */
async function stopProcess(pid, graceMs) {
  const signal = sig => {
    try {
      process.kill(-pid, sig);
    } catch (err) {
      if (err.code !== 'ESRCH') throw err;
    }
  };
  signal('SIGTERM');
  const killAt = Date.now() + graceMs;
  let killed = false;
  while (isRunning(pid)) {
    if (!killed && Date.now() > killAt) {
      signal('SIGKILL');
      killed = true;
    } else if (killed && Date.now() > killAt + 10000) {
      throw new Error(`pid ${pid} survived SIGKILL`);
    }
    await sleep(200);
  }
}

/** True if host:port cannot be bound right now: someone else listens there. */
function portTaken(port, host = '127.0.0.1') {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', err =>
      resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'),
    );
    server.listen({ port, host, exclusive: true }, () =>
      server.close(() => resolve(false)),
    );
  });
}

/** Last `lines` lines of a (possibly large) log file, '' if there is none. */
function tail(file, lines = 40) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 256 * 1024);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    return buf
      .toString('utf8')
      .replace(/\n$/, '')
      .split('\n')
      .slice(-lines)
      .join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = {
  sleep,
  ownedPid,
  spawnDetached,
  stopProcess,
  portTaken,
  tail,
};
