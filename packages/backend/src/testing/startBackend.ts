import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';

export interface RunningBackend {
  baseUrl: string;
  /** Everything the backend printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const backendDir = path.resolve(__dirname, '../..');
const repoRoot = path.resolve(backendDir, '../..');

/**
 * Starts the real portal backend (its `src/index.ts`, unbundled) with the
 * repo's app-config.yaml plus `extraConfig`, on a free port, and resolves
 * once its readiness endpoint answers 200.
 */
export async function startBackend(
  extraConfig: object,
  { timeoutMs = 180_000 } = {},
): Promise<RunningBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const configFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-backend-')),
    'app-config.test.json',
  );
  // Point the data mesh at the stack jest's global setup started.
  const brokers = process.env.DATA_MESH_KAFKA_BROKERS;
  const registryUrl = process.env.DATA_MESH_SCHEMA_REGISTRY_URL;
  const { dataMesh: extraDataMesh, ...otherConfig } = extraConfig as {
    dataMesh?: object;
  };
  const dataMesh = {
    ...(brokers && {
      kafka: { clusters: [{ name: 'local', brokers: brokers.split(',') }] },
    }),
    ...(registryUrl && { schemaRegistry: { url: registryUrl } }),
    // A test's own dataMesh settings (e.g. its registry topic) add to the
    // stack's addresses rather than replacing them.
    ...extraDataMesh,
  };
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
  );
  let output = '';
  // The backend's entry point through the CLI's TypeScript loader, as
  // `backstage-cli package start` runs it but without its file watcher: a
  // test's backend must not restart when someone edits a file meanwhile.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      detached: true,
      // As `yarn dev` runs it; jest's NODE_ENV=test would, for one, turn
      // off the guest sign-in the browser tests use.
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
    fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    }
    // A failed plugin leaves the process running but never ready.
    if (output.includes('Backend startup failed')) {
      await stop();
      throw new Error(`backend startup failed:\n${output}`);
    }
    const status = await fetch(`${baseUrl}/.backstage/health/v1/readiness`)
      .then(r => r.status)
      .catch(() => 0);
    if (status === 200) return { baseUrl, output: () => output, stop };
    await new Promise(r => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(`backend not ready within ${timeoutMs} ms:\n${output}`);
}
