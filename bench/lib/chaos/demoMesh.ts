/*
 * The living demo mesh (`yarn demo start`: seed, then generators, stream
 * processors and the sales dashboard consumer) on the private stack, in a
 * process of its own: its Kafka clients ride out the restarts on their own,
 * and if one of them gives up, the run notes it rather than dying with it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface DemoMesh {
  /** The exit code once the process ended (128 for a signal), else null. */
  exitCode(): number | null;
  /** How many lines it printed that say something failed, and the last few. */
  problems(): { count: number; last: string[] };
  stop(): Promise<void>;
}

const BIN = path.resolve(
  __dirname,
  '../../../packages/demo-mesh/bin/demo-mesh.js',
);
const STOP_GRACE_MS = 20_000;
const PROBLEM = /error|could not|unavailable|crash|fail/i;

/**
 * Starts `demo-mesh start --registry-topic <registryTopic>` against the
 * private stack's addresses (the environment variables the demo reads
 * instead of the shared stack's) and resolves once it says it is running.
 * Its output goes to `logFile`.
 */
export async function startDemoMesh(options: {
  brokers: string;
  /** The private stack's clients.json: each demo app logs in as its own principal. */
  clientsFile: string;
  registryUrl: string;
  registryTopic: string;
  logFile: string;
  timeoutMs?: number;
}): Promise<DemoMesh> {
  const log = fs.createWriteStream(options.logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'start', '--registry-topic', options.registryTopic],
    {
      cwd: path.dirname(BIN),
      // Its own process group: stopping it stops everything it started.
      detached: true,
      env: {
        ...process.env,
        DATA_MESH_KAFKA_BROKERS: options.brokers,
        DATA_MESH_KAFKA_CLIENTS: options.clientsFile,
        DATA_MESH_SCHEMA_REGISTRY_URL: options.registryUrl,
      },
    },
  );
  let output = '';
  let problemCount = 0;
  const lastProblems: string[] = [];
  const onData = (data: Buffer) => {
    const text = data.toString();
    log.write(text);
    output = (output + text).slice(-20_000);
    for (const line of text.split('\n')) {
      if (!PROBLEM.test(line)) continue;
      problemCount++;
      lastProblems.push(`${new Date().toISOString()} ${line.slice(0, 300)}`);
      if (lastProblems.length > 10) lastProblems.shift();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise(resolve => child.once('exit', resolve));
  const exitCode = () => child.exitCode ?? (child.signalCode ? 128 : null);
  const stop = async () => {
    if (exitCode() === null) {
      process.kill(-child.pid!, 'SIGTERM');
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise(r => setTimeout(() => r(false), STOP_GRACE_MS)),
      ]);
      if (!gone) {
        process.kill(-child.pid!, 'SIGKILL');
        await exited;
      }
    }
    log.end();
  };

  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  while (!output.includes('running:')) {
    if (exitCode() !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `the demo mesh did not start (exit ${exitCode()}):\n${output.slice(
          -3000,
        )}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    exitCode,
    problems: () => ({ count: problemCount, last: [...lastProblems] }),
    stop,
  };
}
