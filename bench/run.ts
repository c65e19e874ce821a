/*
 * `yarn bench [publish|ingest|registry|live|monitor|discovery ...] [--n 1000]
 *   [--calls 200] [--publishes 50] [--refresh-seconds 60] [--repeats 5]
 *   [--db sqlite|pg] [--cpu-prof] [--build-app]`
 *
 * Measures speed and scale on a private Kafka + registry stack (so the
 * shared one others test against is left alone), each figure beside a floor
 * measured in the same run, and writes bench/results/<timestamp>.json and
 * .md. A measurement, not a test: it asserts nothing. See bench/README.md.
 */
import type { IsolatedStack } from '@kafka-mesh/local-stack';
import {
  createKafka,
  ensureRegistryTopic,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestPostgres } from '../packages/backend/src/testing/postgres';
import {
  IngestFloor,
  measureIngest,
  measureIngestFloor,
} from './figures/ingest';
import {
  AppBundle,
  appBundle,
  buildApp,
  measureDiscovery,
} from './figures/discovery';
import { measureLive } from './figures/live';
import { monitorFigures } from './figures/monitor';
import { measurePublish } from './figures/publish';
import { Figure, waitFor } from './lib/figures';
import { seedProducts } from './lib/products';
import { startCountingProxy } from './lib/registryProxy';
import {
  BenchResult,
  comparison,
  machine,
  previousResult,
  resultsDir,
  writeResult,
} from './lib/results';
import {
  BenchDatabase,
  BenchOptions,
  countEntities,
  Session,
} from './lib/session';
import { BenchBackend, startBenchBackend } from './lib/startBenchBackend';

const FIGURES = [
  'publish',
  'ingest',
  'registry',
  'live',
  'monitor',
  'discovery',
] as const;
type FigureGroup = (typeof FIGURES)[number];
/** The groups measured on the main benchmark backend. */
const MAIN_BACKEND: readonly FigureGroup[] = [
  'publish',
  'ingest',
  'registry',
  'live',
];
const DATABASES: readonly BenchDatabase[] = ['sqlite', 'pg'];

function parseArgs(argv: string[]) {
  const selected = new Set<FigureGroup>();
  const options: BenchOptions = {
    database: 'sqlite',
    n: 1000,
    calls: 200,
    publishes: 50,
    refreshSeconds: 60,
    repeats: 5,
  };
  let cpuProf = false;
  let rebuildApp = false;
  const numeric: Record<string, Exclude<keyof BenchOptions, 'database'>> = {
    '--n': 'n',
    '--calls': 'calls',
    '--publishes': 'publishes',
    '--refresh-seconds': 'refreshSeconds',
    '--repeats': 'repeats',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if ((FIGURES as readonly string[]).includes(arg)) {
      selected.add(arg as FigureGroup);
    } else if (arg === '--cpu-prof') {
      cpuProf = true;
    } else if (arg === '--build-app') {
      rebuildApp = true;
    } else if (arg === '--db') {
      const database = argv[++i] as BenchDatabase;
      if (!DATABASES.includes(database)) {
        throw new Error(
          `--db needs ${DATABASES.join(' or ')}, not '${database}'`,
        );
      }
      options.database = database;
    } else if (numeric[arg]) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(`${arg} needs a positive integer, not '${argv[i]}'`);
      }
      options[numeric[arg]] = value;
    } else {
      throw new Error(
        `Unknown argument '${arg}'; expected ${FIGURES.join(
          '|',
        )}, --n, --calls, --publishes, --refresh-seconds, --repeats, --db, --cpu-prof or --build-app`,
      );
    }
  }
  return {
    selected: selected.size ? selected : new Set(FIGURES),
    options,
    cpuProf,
    rebuildApp,
  };
}

const log = (message: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** What the run started, stopped in reverse order at the end or on Ctrl-C. */
const stopAll: Array<() => Promise<unknown>> = [];

async function stopStarted() {
  while (stopAll.length) {
    await stopAll.pop()!().catch(error => log(`cleanup: ${error}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what the run started`);
    void stopStarted().then(() => process.exit(130));
  });
}

async function main() {
  const args = process.argv.slice(2);
  const { selected, options, cpuProf, rebuildApp } = parseArgs(args);
  const has = (g: FigureGroup) => selected.has(g);
  const run = randomUUID().slice(0, 8);
  const figures: Figure[] = [];
  const failures: BenchResult['failures'] = [];

  // A group that fails is recorded and the others still run: where a
  // scale breaks is a result too.
  const attempt = async (group: string, measure: () => Promise<Figure[]>) => {
    try {
      figures.push(...(await measure()));
    } catch (error) {
      log(`${group} failed: ${error}`);
      failures.push({ group, error: String(error) });
    }
  };

  // The contract monitor runs without a backend, on a private stack of its
  // own (started and removed by the figure), before anything else.
  if (has('monitor')) {
    log(`contract monitor: cycles over ${options.n} products`);
    await attempt('monitor', () => monitorFigures(options.n));
  }
  // Before the stack starts: a build takes minutes and both cores, and
  // without a bundle there is nothing to measure.
  let bundle: AppBundle | undefined;
  if (has('discovery')) {
    try {
      if (rebuildApp) {
        log('building the frontend (packages/app/dist)');
        buildApp();
      }
      bundle = appBundle();
      if (bundle.newerSources.length) {
        log(
          `the frontend bundle (${bundle.builtAt}) is older than ${bundle.newerSources.length} source files, e.g. ${bundle.newerSources[0]}; --build-app rebuilds it`,
        );
      }
    } catch (error) {
      log(`discovery failed: ${error}`);
      failures.push({ group: 'discovery', error: String(error) });
      selected.delete('discovery');
    }
  }

  if ([...selected].some(g => g !== 'monitor')) {
    try {
      log('starting a private Kafka and registry');
      const stack: IsolatedStack =
        await require('@kafka-mesh/local-stack').startIsolated();
      stopAll.push(() => stack.down());
      const proxy = await startCountingProxy(stack.registryUrl);
      stopAll.push(() => proxy.close());

      // Seeding and clean-up as the stack's admin; the backends connect as
      // the portal.
      const kafka = createKafka(stack.clusterConfig('admin'), {
        clientId: 'bench',
      });
      const admin = kafka.admin();
      const producer = kafka.producer();
      await admin.connect();
      await producer.connect();
      stopAll.push(
        () => admin.disconnect(),
        () => producer.disconnect(),
      );
      // Through the proxy too, so that floors and backend take the same path
      // (the floors' requests fall outside the windows the proxy counts).
      const registry = new SchemaRegistryRestClient({ url: proxy.url });
      const registryTopic = `_data-products-bench-${run}`;
      await ensureRegistryTopic(admin, registryTopic);

      const live = has('live') ? options.calls + 1 : 0;
      const count = Math.max(
        has('ingest') || has('registry') || has('discovery') ? options.n : 0,
        live,
      );
      log(`seeding ${count} products (topic, schema, descriptor each)`);
      const products = await seedProducts({
        admin,
        producer,
        registry,
        registryTopic,
        prefix: `p${run}`,
        count,
        live,
        // The discovery figures publish to a registry topic of their own.
        publish: MAIN_BACKEND.some(has),
      });
      // Topic and schema ready, descriptor not yet published.
      const unpublished = has('publish')
        ? await seedProducts({
            admin,
            producer,
            registry,
            registryTopic,
            prefix: `pub${run}`,
            count: options.publishes + 1,
            publish: false,
          })
        : [];

      const databaseConfig = await startDatabase(options.database);
      const profileDir = path.join(resultsDir, 'profiles');
      /**
       * A benchmark backend on the private stack reading `topic`, its stop
       * registered. `name` gives it databases of its own on PostgreSQL and
       * names its profile and log.
       */
      const startBackend = async (
        name: string,
        topic: string,
        app = false,
      ): Promise<BenchBackend> => {
        const backend = await startBenchBackend({
          app,
          cluster: stack.clusterConfig('portal'),
          registryUrl: proxy.url,
          dataMesh: {
            registryTopic: topic,
            catalog: {
              enrichmentSchedule: {
                frequency: { seconds: options.refreshSeconds },
                initialDelay: { seconds: options.refreshSeconds },
                timeout: { minutes: 10 },
              },
            },
          },
          database: databaseConfig?.(`bench_${name}_`),
          nodeArgs: cpuProf
            ? // A folder per backend, node's own file names: the process has
              // more than one thread (the TypeScript loader's worker), and
              // one fixed name would let the threads overwrite each other.
              ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${name}-${run}`]
            : [],
        });
        let stopped: Promise<void> | undefined;
        const stop = () => (stopped ??= stopBackend(backend, name));
        stopAll.push(stop);
        return { ...backend, stop };
      };
      const stopBackend = async (backend: BenchBackend, name: string) => {
        const crashed = backend.exitCode() !== null;
        await backend.stop();
        if (crashed) {
          log(`the ${name} backend exited early; its last output:`);
          console.log(backend.output().split('\n').slice(-60).join('\n'));
        }
        // The log's timestamps give the profile a timeline.
        if (cpuProf) {
          fs.mkdirSync(profileDir, { recursive: true });
          fs.writeFileSync(
            path.join(profileDir, `${name}-${run}`, 'backend.log'),
            backend.output(),
          );
        }
      };

      let mainBackend: BenchBackend | undefined;
      if (MAIN_BACKEND.some(has)) {
        // First, so that nothing else runs meanwhile.
        let ingestFloor: IngestFloor | undefined;
        if (has('ingest')) {
          log(
            `ingestion floor: ${products.length} Components in a backend of their own`,
          );
          await attempt('ingest floor', async () => {
            ingestFloor = await measureIngestFloor(
              topic => startBackend('floor', topic),
              admin,
              `${registryTopic}-floor`,
              products.length,
            );
            return [];
          });
        }

        log('starting the benchmark backend');
        const requestsBeforeBackend = proxy.count();
        const backend = await startBackend('main', registryTopic);
        mainBackend = backend;
        const session: Session = {
          options,
          brokers: stack.brokers,
          clusterConfig: principal => stack.clusterConfig(principal),
          kafka,
          admin,
          producer,
          registry,
          registryTopic,
          proxy,
          requestsBeforeBackend,
          backend,
          products,
          unpublished,
        };

        if (ingestFloor || has('registry')) {
          log(`cold ingestion of ${products.length} products`);
          await attempt('ingest', () =>
            measureIngest(session, {
              floor: ingestFloor,
              registry: has('registry'),
            }),
          );
        } else if (products.length) {
          await attempt('seed', () => waitForProducts(session).then(() => []));
        }
        if (has('publish')) {
          log(`publish → visible, ${options.publishes} publishes`);
          await attempt('publish', () => measurePublish(session));
        }
        if (has('live')) {
          log(`live endpoints, ${options.calls} calls each, warm and cold`);
          await attempt('live', () => measureLive(session));
        }
      }
      if (has('discovery')) {
        // Alone: the main backend's work is done.
        await mainBackend?.stop();
        log(
          `discovery: ${options.n} products and ${options.n} Components, ${options.repeats} page loads each`,
        );
        await attempt('discovery', () =>
          measureDiscovery({
            n: options.n,
            repeats: options.repeats,
            admin,
            producer,
            registryTopic: `${registryTopic}-discovery`,
            products: products.slice(0, options.n),
            componentType: `c${run}`,
            bundle: bundle!,
            startBackend: topic => startBackend('discovery', topic, true),
            log,
          }),
        );
      }
    } finally {
      await stopStarted();
    }
  }

  if (figures.length === 0 && failures.length === 0) {
    log('nothing was measured (interrupted?); no result written');
    return;
  }
  const previous = previousResult(options);
  const result = {
    at: new Date().toISOString(),
    args,
    options,
    machine: machine(),
    figures,
    failures,
  };
  console.log(`\n${writeResult(result)}`);
  console.log(
    previous ? comparison(previous, result) : 'No previous result to compare.',
  );
  if (failures.length) process.exitCode = 1;
}

/**
 * A private PostgreSQL for `pg`, stopped at the end: what goes into
 * `backend.database` for a backend whose databases take `prefix`
 * (Backstage creates one per plugin). Nothing for `sqlite`: app-config.yaml
 * gives every backend its own in-memory SQLite.
 */
async function startDatabase(kind: BenchDatabase) {
  if (kind === 'sqlite') return undefined;
  log('starting a private PostgreSQL');
  const pg = await startTestPostgres();
  stopAll.push(async () => pg.stop());
  return (prefix: string) => ({
    client: 'pg',
    connection: { host: pg.host, port: pg.port, user: pg.user },
    prefix,
  });
}

async function waitForProducts(session: Session) {
  await waitFor(
    async () =>
      (await countEntities(session.backend, 'kind=dataproduct')) >=
      session.products.length,
    { everyMs: 250, what: 'the seeded products in the catalog' },
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
