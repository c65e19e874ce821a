import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../packages/backend/src/testing/freePort';

export const BENCH_TOKEN = 'bench-token';

export interface BenchBackend {
  baseUrl: string;
  pid: number;
  /** GET or POST a backend path with the bench's static token. */
  call(pathAndQuery: string, method?: 'GET' | 'POST'): Promise<Response>;
  output(): string;
  /** The process's exit code, null while it runs. */
  exitCode(): number | null;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '../..');
const backendDir = path.join(repoRoot, 'packages/backend');

/**
 * Starts `bench/lib/benchBackend.ts` as `startBackend` in
 * packages/backend/src/testing starts the portal's (the repo's
 * app-config.yaml, in-memory SQLite, a free port), but with the floor
 * provider in it, the process id at hand for memory readings, and
 * `extraArgs` for node (e.g. `--cpu-prof`).
 */
export async function startBenchBackend(options: {
  brokers: string;
  registryUrl: string;
  dataMesh: object;
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<BenchBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-bench-'));
  const configFile = path.join(dir, 'app-config.bench.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: BENCH_TOKEN, subject: 'bench' },
            },
          ],
        },
      },
      dataMesh: {
        kafka: {
          clusters: [{ name: 'local', brokers: options.brokers.split(',') }],
        },
        schemaRegistry: { url: options.registryUrl },
        ...options.dataMesh,
      },
    }),
  );
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(repoRoot, 'bench/lib/benchBackend.ts'),
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      // File locations in app-config.yaml are relative to packages/backend.
      cwd: backendDir,
      detached: true,
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));

  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise(resolve => child.once('exit', resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const call = (pathAndQuery: string, method: 'GET' | 'POST' = 'GET') => {
    // Waiting on a dead backend would only end at the poll's timeout.
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = output.split('\n').slice(-40).join('\n');
      throw Object.assign(new Error(`backend exited:\n${tail}`), {
        fatal: true,
      });
    }
    return fetch(`${baseUrl}${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${BENCH_TOKEN}` },
    });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    }
    if (output.includes('Backend startup failed')) {
      await stop();
      throw new Error(`backend startup failed:\n${output}`);
    }
    const status = await fetch(`${baseUrl}/.backstage/health/v1/readiness`)
      .then(r => r.status)
      .catch(() => 0);
    if (status === 200) {
      return {
        baseUrl,
        pid: child.pid!,
        call,
        output: () => output,
        exitCode: () => child.exitCode ?? (child.signalCode ? 128 : null),
        stop,
      };
    }
    await new Promise(r => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`backend not ready in time:\n${output}`);
}

/** Peak resident memory of a process (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]);
  return Math.round(kib / 1024);
}
