import fs from 'node:fs';
import path from 'node:path';
import {
  BackendCluster,
  RunningBackend,
  startBackend,
} from '../../packages/backend/src/testing/startBackend';

const BENCH_TOKEN = 'bench-token';

export interface BenchBackend extends RunningBackend {
  /** GET or POST a backend path with the bench's static token. */
  call(pathAndQuery: string, method?: 'GET' | 'POST'): Promise<Response>;
}

/**
 * Starts `bench/lib/benchBackend.ts` (the portal's catalog and data mesh
 * part plus the floor provider), or with `app` `benchAppBackend.ts` (the
 * same plus the built frontend and what it calls), with the repo's
 * app-config.yaml, a static token for the bench, and `database` for
 * `backend.database` when given (in-memory SQLite otherwise).
 */
export async function startBenchBackend(options: {
  /** The private stack's cluster as the portal: `stack.clusterConfig('portal')`. */
  cluster: BackendCluster;
  registryUrl: string;
  dataMesh: object;
  database?: object;
  nodeArgs?: string[];
  timeoutMs?: number;
  /** Serve the built frontend (packages/app/dist) with sign-in. */
  app?: boolean;
}): Promise<BenchBackend> {
  const backend = await startBackend(
    {
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: BENCH_TOKEN, subject: 'bench' },
            },
          ],
        },
        ...(options.database && { database: options.database }),
      },
      dataMesh: options.dataMesh,
    },
    {
      entry: path.resolve(
        __dirname,
        options.app ? 'benchAppBackend.ts' : 'benchBackend.ts',
      ),
      nodeArgs: options.nodeArgs,
      timeoutMs: options.timeoutMs ?? 300_000,
      cluster: options.cluster,
      registryUrl: options.registryUrl,
    },
  );
  const call = (pathAndQuery: string, method: 'GET' | 'POST' = 'GET') => {
    // Waiting on a dead backend would only end at the poll's timeout.
    if (backend.exitCode() !== null) {
      const tail = backend.output().split('\n').slice(-40).join('\n');
      throw Object.assign(new Error(`backend exited:\n${tail}`), {
        fatal: true,
      });
    }
    return fetch(`${backend.baseUrl}${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${BENCH_TOKEN}` },
    });
  };
  return { ...backend, call };
}

/** Peak resident memory of a process (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]);
  return Math.round(kib / 1024);
}
