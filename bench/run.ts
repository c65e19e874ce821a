/*
 * `yarn bench [publish|ingest|registry|live ...] [--n 1000] [--calls 200]
 *   [--publishes 50] [--refresh-seconds 60] [--cpu-prof]`
 *
 * Measures speed and scale on a private Kafka + registry stack (so the
 * shared one others test against is left alone), each figure beside a floor
 * measured in the same run, and writes bench/results/<timestamp>.json and
 * .md. A measurement, not a test: it asserts nothing. See bench/README.md.
 */
import {
  createKafka,
  ensureRegistryTopic,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { measureIngest } from './figures/ingest';
import { measureLive } from './figures/live';
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
import { BenchOptions, countEntities, Session } from './lib/session';
import { startBenchBackend } from './lib/startBenchBackend';

const FIGURES = ['publish', 'ingest', 'registry', 'live'] as const;
type FigureGroup = (typeof FIGURES)[number];

function parseArgs(argv: string[]) {
  const selected = new Set<FigureGroup>();
  const options: BenchOptions = {
    n: 1000,
    calls: 200,
    publishes: 50,
    refreshSeconds: 60,
  };
  let cpuProf = false;
  const numeric: Record<string, keyof BenchOptions> = {
    '--n': 'n',
    '--calls': 'calls',
    '--publishes': 'publishes',
    '--refresh-seconds': 'refreshSeconds',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if ((FIGURES as readonly string[]).includes(arg)) {
      selected.add(arg as FigureGroup);
    } else if (arg === '--cpu-prof') {
      cpuProf = true;
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
        )}, --n, --calls, --publishes, --refresh-seconds or --cpu-prof`,
      );
    }
  }
  return {
    selected: selected.size ? selected : new Set(FIGURES),
    options,
    cpuProf,
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
  const { selected, options, cpuProf } = parseArgs(args);
  const has = (g: FigureGroup) => selected.has(g);
  const run = randomUUID().slice(0, 8);
  const figures: Figure[] = [];
  const failures: BenchResult['failures'] = [];

  try {
    log('starting a private Kafka and registry');
    const stack = await require('@kafka-mesh/local-stack').startIsolated();
    stopAll.push(() => stack.down());
    const proxy = await startCountingProxy(stack.registryUrl);
    stopAll.push(() => proxy.close());

    const kafka = createKafka(
      { name: 'local', brokers: stack.brokers.split(',') },
      { clientId: 'bench' },
    );
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
      has('ingest') || has('registry') ? options.n : 0,
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

    log('starting the benchmark backend');
    const requestsBeforeBackend = proxy.count();
    const profileDir = path.join(resultsDir, 'profiles');
    const backend = await startBenchBackend({
      brokers: stack.brokers,
      registryUrl: proxy.url,
      dataMesh: {
        registryTopic,
        catalog: {
          enrichmentSchedule: {
            frequency: { seconds: options.refreshSeconds },
            initialDelay: { seconds: options.refreshSeconds },
            timeout: { minutes: 10 },
          },
        },
      },
      nodeArgs: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    stopAll.push(async () => {
      const crashed = backend.exitCode() !== null;
      await backend.stop();
      if (crashed) {
        log(`the backend exited early; its last output:`);
        console.log(backend.output().split('\n').slice(-60).join('\n'));
      }
      // The log's timestamps give the profile a timeline.
      if (cpuProf) {
        fs.mkdirSync(profileDir, { recursive: true });
        fs.writeFileSync(
          path.join(profileDir, `backend-${run}.log`),
          backend.output(),
        );
      }
    });
    const session: Session = {
      options,
      brokers: stack.brokers,
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
    if (has('ingest') || has('registry')) {
      log(`cold ingestion of ${products.length} products`);
      await attempt('ingest', () =>
        measureIngest(session, {
          ingest: has('ingest'),
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
  } finally {
    await stopStarted();
  }

  if (figures.length === 0 && failures.length === 0) {
    log('nothing was measured (interrupted?); no result written');
    return;
  }
  const previous = previousResult();
  const result = {
    at: new Date().toISOString(),
    args,
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
