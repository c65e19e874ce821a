import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
// Test tooling (backend/testing, used by other packages' tests only), so a
// devDependency: the backend itself never loads it.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { clusterConfig, StackClientConfig } from '@kafka-mesh/local-stack';

/** One entry of `dataMesh.kafka.clusters`: brokers and, for a secured cluster, SASL/TLS. */
export type BackendCluster = StackClientConfig & { name: string };

export interface RunningBackend {
  baseUrl: string;
  /** The process id, e.g. for memory readings from `/proc/<pid>/status`. */
  pid: number;
  /** Everything the backend printed so far, for failure messages. */
  output(): string;
  /** The exit code once the process ended (128 when a signal ended it), else null. */
  exitCode(): number | null;
  stop(): Promise<void>;
}

export interface StartBackendOptions {
  timeoutMs?: number;
  /**
   * The script to run, absolute or relative to packages/backend; the
   * portal's `src/index.ts` unless given (the benchmarks run a backend of
   * their own).
   */
  entry?: string;
  /** Arguments for node before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /**
   * The Kafka cluster the backend connects to (`dataMesh.kafka.clusters`,
   * name `local`), with its credentials: by default the `portal` principal
   * of the stack jest's global setup started (`clusterConfig('portal')`).
   * An isolated stack passes `isolated.clusterConfig('portal')`.
   */
  cluster?: BackendCluster;
  /**
   * Brokers (comma separated) of an unsecured cluster, when no `cluster` is
   * given; the secured local stack needs `cluster`.
   */
  brokers?: string;
  /**
   * The registry URL for `dataMesh`; by default that of the stack jest's
   * global setup started (`DATA_MESH_SCHEMA_REGISTRY_URL`).
   */
  registryUrl?: string;
}

// Found by package name: a path from this file would differ once bundled.
const backendDir = resolvePackagePath('backend');
const repoRoot = path.resolve(backendDir, '../..');

/**
 * Starts a real backend (the portal's `src/index.ts` unless `entry` says
 * otherwise, unbundled) with the repo's app-config.yaml plus `extraConfig`,
 * on a free port, and resolves once its readiness endpoint answers 200.
 */
export async function startBackend(
  extraConfig: object,
  {
    timeoutMs = 180_000,
    entry = 'src/index.ts',
    nodeArgs = [],
    cluster,
    brokers,
    registryUrl = process.env.DATA_MESH_SCHEMA_REGISTRY_URL,
  }: StartBackendOptions = {},
): Promise<RunningBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const kafkaCluster: BackendCluster =
    cluster ??
    (brokers
      ? { name: 'local', brokers: brokers.split(',') }
      : clusterConfig('portal'));
  const { dataMesh: extraDataMesh, ...otherConfig } = extraConfig as {
    dataMesh?: object;
  };
  const dataMesh = {
    kafka: { clusters: [kafkaCluster] },
    ...(registryUrl && { schemaRegistry: { url: registryUrl } }),
    // A caller's own dataMesh settings (e.g. its registry topic) add to the
    // stack's addresses rather than replacing them.
    ...extraDataMesh,
  };
  // The config holds the portal's password: a directory of its own (mkdtemp
  // makes it 0700), the file 0600, both removed once the backend stops.
  const configDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'data-mesh-backend-'),
  );
  const configFile = path.join(configDir, 'app-config.test.json');
  const removeConfig = () =>
    fs.rmSync(configDir, { recursive: true, force: true });
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      dataMesh,
      ...otherConfig,
      // The app plugin serves the built frontend from the same origin.
      app: { baseUrl },
      backend: {
        ...(extraConfig as { backend?: object }).backend,
        baseUrl,
        listen: { port },
      },
    }),
    { mode: 0o600 },
  );
  let output = '';
  // The entry point through the CLI's TypeScript loader, as
  // `backstage-cli package start` runs it but without its file watcher: a
  // test's backend must not restart when someone edits a file meanwhile.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      entry,
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      // File locations in app-config.yaml are relative to packages/backend.
      cwd: backendDir,
      detached: true,
      // As `yarn dev` runs it; jest's NODE_ENV=test would, for one, turn
      // off the guest sign-in the browser tests use.
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  // Also when the backend ends by itself: the password does not outlive it.
  child.once('exit', removeConfig);

  const exitCode = () => child.exitCode ?? (child.signalCode ? 128 : null);
  const stop = async () => {
    if (exitCode() === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise(resolve => child.once('exit', resolve));
    }
    removeConfig();
  };

  const running: RunningBackend = {
    baseUrl,
    pid: child.pid!,
    output: () => output,
    exitCode,
    stop,
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode() !== null) {
      await stop();
      throw new Error(`backend exited with ${exitCode()}:\n${output}`);
    }
    // A failed plugin leaves the process running but never ready.
    if (output.includes('Backend startup failed')) {
      await stop();
      throw new Error(`backend startup failed:\n${output}`);
    }
    const status = await fetch(`${baseUrl}/.backstage/health/v1/readiness`)
      .then(r => r.status)
      .catch(() => 0);
    if (status === 200) return running;
    await new Promise(r => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`backend not ready within ${timeoutMs} ms:\n${output}`);
}
