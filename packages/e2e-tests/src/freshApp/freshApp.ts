import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument, stringify } from 'yaml';
import { repoRoot } from '../repoPaths';

// Installs the suite into an app made by @backstage/create-app, as a user
// would: from the packed tarballs only, with the steps the plugins' READMEs
// give (STEPS.md beside this file lists them). Nothing of the monorepo goes
// into the app but the tarballs and the config written here.

/** The release of @backstage/create-app the npm registry serves (1.55 template). */
export const CREATE_APP_VERSION = '0.9.2';

/** The seven publishable packages: folder under plugins/ and package name. */
export const PLUGINS = [
  { dir: 'data-mesh-common', name: '@kafka-mesh/plugin-data-mesh-common' },
  { dir: 'data-mesh-node', name: '@kafka-mesh/plugin-data-mesh-node' },
  { dir: 'data-mesh', name: '@kafka-mesh/plugin-data-mesh' },
  { dir: 'data-mesh-backend', name: '@kafka-mesh/plugin-data-mesh-backend' },
  {
    dir: 'catalog-backend-module-data-mesh',
    name: '@kafka-mesh/plugin-catalog-backend-module-data-mesh',
  },
  {
    dir: 'scaffolder-backend-module-data-mesh',
    name: '@kafka-mesh/plugin-scaffolder-backend-module-data-mesh',
  },
  {
    dir: 'permission-backend-module-data-mesh-policy',
    name: '@kafka-mesh/plugin-permission-backend-module-data-mesh-policy',
  },
] as const;

/** What the backend's package gets (`yarn --cwd packages/backend add ...`). */
export const BACKEND_PACKAGES = [
  '@kafka-mesh/plugin-data-mesh-backend',
  '@kafka-mesh/plugin-catalog-backend-module-data-mesh',
  '@kafka-mesh/plugin-scaffolder-backend-module-data-mesh',
  '@kafka-mesh/plugin-permission-backend-module-data-mesh-policy',
];
/** What the app's package gets (`yarn --cwd packages/app add ...`). */
export const APP_PACKAGES = ['@kafka-mesh/plugin-data-mesh'];

/** The README's backend step: one line per package, before backend.start(). */
export const BACKEND_SNIPPET = `// Kafka data mesh: live data for product pages and the REST API, the
// DataProduct kind with its Kafka entity provider, and the scaffolder actions.
backend.add(import('@kafka-mesh/plugin-data-mesh-backend'));
backend.add(import('@kafka-mesh/plugin-catalog-backend-module-data-mesh'));
backend.add(import('@kafka-mesh/plugin-scaffolder-backend-module-data-mesh'));
`;

/** The templates, as the catalog reads them from the installed package. */
export const TEMPLATES_LOCATION = {
  type: 'file',
  // File locations are relative to the backend process (packages/backend).
  target:
    '../../node_modules/@kafka-mesh/plugin-scaffolder-backend-module-data-mesh/templates/*/template.yaml',
  rules: [{ allow: ['Template'] }],
};

const log = (line: string) => process.stderr.write(`[fresh-app] ${line}\n`);

/** Runs one phase and writes its time to stderr; the times are kept too. */
export class Phases {
  readonly times: Array<{ phase: string; seconds: number }> = [];
  private readonly started = Date.now();

  async run<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const start = Date.now();
    log(`${phase}…`);
    try {
      return await fn();
    } finally {
      const seconds = (Date.now() - start) / 1000;
      this.times.push({ phase, seconds });
      log(`${phase}: ${seconds.toFixed(1)} s`);
    }
  }

  total(): number {
    const seconds = (Date.now() - this.started) / 1000;
    log(
      `total: ${seconds.toFixed(1)} s (${this.times
        .map(t => `${t.phase} ${t.seconds.toFixed(1)} s`)
        .join(', ')})`,
    );
    return seconds;
  }
}

/**
 * The environment for commands run in the fresh app: that of a person's
 * shell, not of the monorepo's `yarn` that started jest. Yarn hands its
 * scripts its own binary folder, project and package variables; the app's
 * yarn must find its own. Node is the one running the tests (22+).
 */
function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(npm_package_|npm_lifecycle_|npm_config_user_agent$|npm_execpath$|npm_node_execpath$|YARN_|BERRY_|INIT_CWD$|PROJECT_CWD$|NODE_ENV$|JEST_WORKER_ID$)/.test(
        key,
      )
    ) {
      continue;
    }
    env[key] = value;
  }
  env.PATH = [
    path.dirname(process.execPath),
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(dir => dir && !dir.includes('xfs-')),
  ].join(path.delimiter);
  // CI=true would make `yarn add` refuse to write the lockfile it creates.
  env.YARN_ENABLE_IMMUTABLE_INSTALLS = 'false';
  env.YARN_ENABLE_PROGRESS_BARS = 'false';
  env.YARN_ENABLE_TELEMETRY = 'false';
  return { ...env, ...extra };
}

/** Runs a command to its end; its output goes to `logFile`, its tail into the error. */
export function run(
  command: string,
  args: string[],
  {
    cwd,
    env = appEnv(),
    logFile,
    timeoutMs = 20 * 60_000,
  }: {
    cwd: string;
    env?: NodeJS.ProcessEnv;
    logFile: string;
    timeoutMs?: number;
  },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ ${command} ${args.join(' ')}  (in ${cwd})\n`);
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      fs.writeSync(out, d);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      fs.closeSync(out);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(out);
      if (code === 0) resolve(output);
      else {
        reject(
          new Error(
            `${command} ${args.join(' ')} (in ${cwd}) ended with ${
              code ?? signal
            }:\n${output.slice(-4000)}`,
          ),
        );
      }
    });
  });
}

/** The app's own yarn (its `yarnPath`), as `yarn` in the app would run. */
export function appYarn(appDir: string): string[] {
  const rc = fs.readFileSync(path.join(appDir, '.yarnrc.yml'), 'utf8');
  const yarnPath = /^yarnPath:\s*(.+)$/m.exec(rc)?.[1]?.trim();
  if (!yarnPath) throw new Error(`no yarnPath in ${appDir}/.yarnrc.yml`);
  return [process.execPath, path.resolve(appDir, yarnPath)];
}

/** `yarn backstage-cli repo build`, then `yarn pack` of each plugin into `outDir`. */
export async function packPlugins(
  outDir: string,
  logFile: string,
): Promise<Record<string, string>> {
  const monorepoYarn = [
    process.execPath,
    path.join(
      repoRoot,
      /^yarnPath:\s*(.+)$/m
        .exec(fs.readFileSync(path.join(repoRoot, '.yarnrc.yml'), 'utf8'))![1]
        .trim(),
    ),
  ];
  const env = appEnv();
  // The declarations the packages ship are built from tsc's output.
  await run(monorepoYarn[0], [monorepoYarn[1], 'tsc'], {
    cwd: repoRoot,
    env,
    logFile,
  });
  await run(
    monorepoYarn[0],
    [monorepoYarn[1], 'backstage-cli', 'repo', 'build'],
    {
      cwd: repoRoot,
      env,
      logFile,
    },
  );
  fs.mkdirSync(outDir, { recursive: true });
  const tarballs: Record<string, string> = {};
  for (const plugin of PLUGINS) {
    const tarball = path.join(outDir, `${plugin.dir}.tgz`);
    await run(monorepoYarn[0], [monorepoYarn[1], 'pack', '-o', tarball], {
      cwd: path.join(repoRoot, 'plugins', plugin.dir),
      env,
      logFile,
    });
    tarballs[plugin.name] = tarball;
  }
  return tarballs;
}

/** `npx @backstage/create-app@0.9.2 --path <appDir> --skip-install`, named by env. */
export async function createApp(appDir: string, logFile: string) {
  await run(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${CREATE_APP_VERSION}`,
      '--path',
      appDir,
      '--skip-install',
    ],
    {
      cwd: path.dirname(appDir),
      env: appEnv({ BACKSTAGE_APP_NAME: 'fresh-app' }),
      logFile,
    },
  );
  if (!fs.existsSync(path.join(appDir, 'packages/backend/src/index.ts'))) {
    throw new Error(`create-app made no backend in ${appDir}`);
  }
}

/** `node scripts/pin-backstage-versions.mjs --latest <appDir>`, from the monorepo. */
export async function pinApp(appDir: string, logFile: string) {
  await run(
    process.execPath,
    [
      path.join(repoRoot, 'scripts/pin-backstage-versions.mjs'),
      '--latest',
      appDir,
    ],
    { cwd: repoRoot, logFile },
  );
}

function updateJson(file: string, update: (json: any) => void) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  update(json);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * Packages released together that pin each other exactly: yarn's
 * minimal-age gate (3 days) can let one through while holding back its
 * sibling published an hour later, and the install fails ("all versions
 * satisfying 1.65.2 are quarantined"; a CI run met it). The app gets the
 * newest release of the family that is old enough as a whole.
 */
const RELEASED_TOGETHER = [
  ['@playwright/test', 'playwright', 'playwright-core'],
];
const AGE_GATE_MS = 3 * 24 * 3600 * 1000;

async function publishTimes(name: string): Promise<Record<string, string>> {
  const registry =
    process.env.npm_config_registry ?? 'https://registry.npmjs.org';
  const res = await fetch(`${registry}/${name.replace('/', '%2f')}`, {
    signal: AbortSignal.timeout(60_000),
  });
  if (!res.ok) throw new Error(`${name}: the registry answered ${res.status}`);
  return ((await res.json()) as { time: Record<string, string> }).time;
}

/** For each family, its newest stable release older than the age gate. */
export async function gatedFamilyResolutions(
  now = Date.now(),
): Promise<Record<string, string>> {
  const resolutions: Record<string, string> = {};
  for (const family of RELEASED_TOGETHER) {
    const times = await Promise.all(family.map(publishTimes));
    const oldEnough = (version: string) =>
      times.every(
        t => t[version] && now - Date.parse(t[version]) >= AGE_GATE_MS,
      );
    const newest = Object.keys(times[0])
      .filter(v => /^\d+\.\d+\.\d+$/.test(v) && oldEnough(v))
      .sort((a, b) => {
        const [x, y] = [a, b].map(v => v.split('.').map(Number));
        return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
      })
      .pop();
    if (!newest) throw new Error(`no release of ${family[0]} is old enough`);
    for (const name of family) resolutions[name] = newest;
  }
  return resolutions;
}

/**
 * Root `resolutions` map the packages to their tarballs, standing in for
 * the npm registry; then `yarn --cwd packages/backend add ...` and
 * `yarn --cwd packages/app add ...` as the READMEs say. The first add is
 * the app's first install.
 */
export async function installPlugins(
  appDir: string,
  tarballs: Record<string, string>,
  logFile: string,
) {
  const gated = await gatedFamilyResolutions();
  updateJson(path.join(appDir, 'package.json'), pkg => {
    pkg.resolutions = { ...pkg.resolutions, ...gated };
    for (const [name, tarball] of Object.entries(tarballs)) {
      pkg.resolutions[name] = `file:${tarball}`;
    }
  });
  const [node, yarn] = appYarn(appDir);
  // The registry has no release of these packages; the range stands for
  // the one a user would get (the resolutions above deliver it).
  await run(
    node,
    [
      yarn,
      '--cwd',
      'packages/backend',
      'add',
      ...BACKEND_PACKAGES.map(p => `${p}@^0.1.0`),
    ],
    { cwd: appDir, logFile },
  );
  await run(
    node,
    [
      yarn,
      '--cwd',
      'packages/app',
      'add',
      ...APP_PACKAGES.map(p => `${p}@^0.1.0`),
    ],
    { cwd: appDir, logFile },
  );
}

/** The backend step of the READMEs: the three `backend.add` lines. */
export function addBackendFeatures(appDir: string) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  const source = fs.readFileSync(file, 'utf8');
  if (!source.includes('backend.start();')) {
    throw new Error(`no backend.start() in ${file}`);
  }
  fs.writeFileSync(
    file,
    source.replace('backend.start();', `${BACKEND_SNIPPET}\nbackend.start();`),
  );
}

/** create-app's policy module, which allows everything to everyone. */
const ALLOW_ALL_POLICY =
  /backend\.add\(\s*import\(\s*'@backstage\/plugin-permission-backend-module-allow-all-policy'\s*\),?\s*\);/;

/** The policy step of the READMEs: the allow-all policy out, ours in. */
export const POLICY_SNIPPET = `backend.add(
  import('@kafka-mesh/plugin-permission-backend-module-data-mesh-policy'),
);`;

/**
 * The policy step of the READMEs: the template's allow-all policy module
 * replaced by the data mesh's (a backend has one policy).
 */
export function swapPermissionPolicy(appDir: string) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  const source = fs.readFileSync(file, 'utf8');
  if (!ALLOW_ALL_POLICY.test(source)) {
    throw new Error(`no allow-all policy module added in ${file}`);
  }
  fs.writeFileSync(file, source.replace(ALLOW_ALL_POLICY, POLICY_SNIPPET));
}

/** A team the guest is not a member of, for the ownership checks. */
export const OTHER_TEAM = 'group:default/other-team';

/**
 * Not a README step: a second group in the app's example org
 * (examples/org.yaml, the catalog location create-app registers for users
 * and groups), so that a product can belong to a team the guest is not in.
 */
export function addOtherTeam(appDir: string) {
  const file = path.join(appDir, 'examples/org.yaml');
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes('name: other-team')) return;
  fs.writeFileSync(
    file,
    `${source.trimEnd()}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: other-team
spec:
  type: team
  children: []
`,
  );
}

/**
 * The frontend step: none. The template's app discovers every plugin
 * package it depends on (`app.packages: all` in app-config.yaml), and the
 * plugin's `/alpha` export is marked as a frontend plugin. Checked here so
 * that a template that stops discovering fails loudly instead.
 */
export function checkFrontendDiscovery(appDir: string) {
  const config = parseDocument(
    fs.readFileSync(path.join(appDir, 'app-config.yaml'), 'utf8'),
  ).toJS();
  if (config?.app?.packages !== 'all') {
    throw new Error(
      "the app does not discover its plugins (app.packages is not 'all'): add the plugin from @kafka-mesh/plugin-data-mesh/alpha to createApp({ features })",
    );
  }
}

/**
 * The catalog step of the READMEs, in app-config.yaml: the DataProduct kind
 * allowed, and the templates registered from the installed package.
 */
export function addCatalogConfig(appDir: string) {
  const file = path.join(appDir, 'app-config.yaml');
  const doc: Document = parseDocument(fs.readFileSync(file, 'utf8'));
  const rules = doc.getIn(['catalog', 'rules']);
  if (!isSeq(rules) || !isMap(rules.items[0])) {
    throw new Error(`no catalog.rules in ${file}`);
  }
  const allow = (rules.items[0] as any).get('allow');
  if (!isSeq(allow)) throw new Error(`no catalog.rules[0].allow in ${file}`);
  allow.add(doc.createNode('DataProduct'));
  const locations = doc.getIn(['catalog', 'locations']);
  if (!isSeq(locations)) throw new Error(`no catalog.locations in ${file}`);
  const location = doc.createNode(TEMPLATES_LOCATION);
  location.commentBefore = ' The Kafka data mesh self-service templates';
  const allowTemplates = location.getIn(['rules', 0, 'allow']);
  if (isSeq(allowTemplates)) allowTemplates.flow = true;
  locations.add(location);
  fs.writeFileSync(
    file,
    doc.toString({ flowCollectionPadding: false, lineWidth: 0 }),
  );
}

/** The Kafka cluster the app connects to, as `clusterConfig` of the local stack gives it. */
export interface LocalCluster {
  brokers: string[];
  sasl?: { mechanism: string; username: string; password: string };
  ssl?: { ca: string[] };
}

/** The variable the app's config reads the Kafka password from. */
export const KAFKA_PASSWORD_ENV = 'DATA_MESH_KAFKA_PASSWORD';

export interface LocalConfig {
  port: number;
  /** The portal's principal: brokers, SASL credentials and (for TLS) the CA. */
  cluster: LocalCluster;
  schemaRegistryUrl: string;
  registryTopic: string;
  /** Where the scaffolder keeps the repositories it generates (development). */
  repositoriesRoot: string;
}

/**
 * app-config.local.yaml: the README's `dataMesh` block (Kafka with its SASL
 * credentials and TLS, registry, the scaffolder's local repositories), and
 * this instance's own settings: its port, and the guest signing in as the
 * example org's `user:default/guest` (a member of `group:default/guests`)
 * rather than the provider's default `user:development/guest`, who is in no
 * group.
 *
 * The password is not written to the file: the config reads it from
 * `${KAFKA_PASSWORD_ENV}` (Backstage's `${VAR}` substitution); pass the
 * returned environment to {@link startApp}. The CA certificate is public.
 */
export function writeLocalConfig(
  appDir: string,
  config: LocalConfig,
): Record<string, string> {
  const baseUrl = `http://localhost:${config.port}`;
  const { sasl, ...cluster } = config.cluster;
  fs.writeFileSync(
    path.join(appDir, 'app-config.local.yaml'),
    stringify({
      app: { baseUrl },
      backend: { baseUrl, listen: { port: config.port } },
      auth: {
        providers: { guest: { userEntityRef: 'user:default/guest' } },
      },
      dataMesh: {
        registryTopic: config.registryTopic,
        kafka: {
          clusters: [
            {
              name: 'local',
              ...cluster,
              ...(sasl && {
                sasl: {
                  mechanism: sasl.mechanism,
                  username: sasl.username,
                  password: `\${${KAFKA_PASSWORD_ENV}}`,
                },
              }),
            },
          ],
        },
        schemaRegistry: { url: config.schemaRegistryUrl },
        // Without a git hosting integration, the templates commit what they
        // generate to local git repositories and register them as `file`
        // locations (development and demos only).
        scaffolder: {
          localRepositories: { enabled: true, root: config.repositoriesRoot },
        },
      },
    }),
  );
  return sasl ? { [KAFKA_PASSWORD_ENV]: sasl.password } : {};
}

/** `yarn workspace app build`: the bundle the backend's app plugin serves. */
export async function buildFrontend(appDir: string, logFile: string) {
  const [node, yarn] = appYarn(appDir);
  await run(node, [yarn, 'workspace', 'app', 'build'], {
    cwd: appDir,
    logFile,
  });
}

export interface RunningApp {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `yarn workspace backend start` (the template's backend start: its
 * development mode, in which the guest provider signs in), serving the
 * built frontend; resolves once the readiness endpoint answers 200.
 */
export async function startApp(
  appDir: string,
  port: number,
  {
    timeoutMs = 5 * 60_000,
    env = {},
  }: {
    timeoutMs?: number;
    /** Variables the app's config reads, e.g. what writeLocalConfig returns. */
    env?: Record<string, string>;
  } = {},
): Promise<RunningApp> {
  const [node, yarn] = appYarn(appDir);
  const baseUrl = `http://localhost:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    node,
    [yarn, 'workspace', 'backend', 'start'],
    {
      cwd: appDir,
      env: appEnv(env),
      // Its own process group: stop() ends the whole tree.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (!running()) return;
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // the group is gone
      }
    };
    signal('SIGTERM');
    const killed = setTimeout(() => signal('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killed);
    // Whatever the group still holds (the CLI's child) goes too.
    signal('SIGKILL');
  };

  const ready: RunningApp = { baseUrl, output: () => output, stop };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running()) {
      throw new Error(`the app's backend exited:\n${output.slice(-6000)}`);
    }
    if (output.includes('Backend startup failed')) {
      await stop();
      throw new Error(
        `the app's backend failed to start:\n${output.slice(-6000)}`,
      );
    }
    const status = await fetch(`${baseUrl}/.backstage/health/v1/readiness`)
      .then(r => r.status)
      .catch(() => 0);
    if (status === 200) return ready;
    await new Promise(r => setTimeout(r, 500));
  }
  await stop();
  throw new Error(
    `the app's backend was not ready within ${timeoutMs} ms:\n${output.slice(
      -6000,
    )}`,
  );
}
