import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Admin } from 'kafkajs';
import {
  SALES_DASHBOARD_GROUP,
  SalesDashboard,
  startSalesDashboard,
} from './consumers/salesDashboard';
import { seededRandom } from './generators/random';
import {
  pageViewsBeforeOutage,
  RetailSimulation,
} from './generators/simulation';
import { createCustomers } from './generators/world';
import { DemoProduct, loadDemoProducts } from './mesh/demoProducts';
import { PRODUCTS } from './mesh/productNames';
import {
  DEMO_PRINCIPALS,
  demoKafka,
  DemoMeshOptions,
  demoRegistry,
  groupIdOf,
  processorPrincipal,
} from './options';
import {
  DEFAULT_PROCESSOR_TIMING,
  demoProcessors,
  ProcessorDefinition,
  ProcessorTiming,
  runProcessor,
  RunningProcessor,
} from './processors';
import { RecordSender } from './RecordSender';
import { formatStatusLine } from './statusLine';

export interface DemoRuntimeOptions extends DemoMeshOptions {
  /** How often the generators produce; one second by default. */
  tickMs?: number;
  /** How often a status line is logged; a minute by default. */
  statusIntervalMs?: number;
  processorTiming?: Partial<ProcessorTiming>;
  /** How often the sales dashboard reads; 15 seconds by default. */
  dashboardRefreshMs?: number;
}

export interface DemoRuntime {
  /** One line on what the demo produced, processed and consumed. */
  statusLine(): Promise<string>;
  /** Stops the generators, processors and consumer, then disconnects. */
  stop(): Promise<void>;
}

async function isEmpty(admin: Admin, topic: string): Promise<boolean> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.every(p => p.high === p.low);
}

async function groupLag(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<number> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  return ends.reduce((lag, { partition, high }) => {
    const at = Number(
      committed?.partitions.find(p => p.partition === partition)?.offset ?? -1,
    );
    return lag + (at >= 0 ? Math.max(0, Number(high) - at) : 0);
  }, 0);
}

/**
 * Runs one stream processor as its own principal
 * (`demo-<group without demo-mesh.>`): its own consumer group and its own
 * producer for its output. Stopping it disconnects both.
 */
/** A processor of the demo with its own producer, and what it wrote. */
export interface DemoProcessor extends RunningProcessor {
  /** Records written per product so far. */
  sentCounts(): ReadonlyMap<string, number>;
}

export async function startDemoProcessor(
  definition: ProcessorDefinition,
  options: DemoMeshOptions,
  shared: {
    registry: SchemaRegistry;
    products: DemoProduct[];
    log: (line: string) => void;
  },
): Promise<DemoProcessor> {
  const kafka = demoKafka(options, processorPrincipal(definition.group));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const sender = new RecordSender(producer, shared.registry, shared.products);
    await sender.init();
    const running = await runProcessor(definition, {
      kafka,
      registry: shared.registry,
      sender,
      groupId: group => groupIdOf(options, group),
      log: shared.log,
    });
    return {
      ...running,
      sentCounts: () => sender.sentCounts(),
      async stop() {
        await running.stop();
        await producer.disconnect();
      },
    };
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
}

/**
 * The living demo mesh in one process, every app as its own principal
 * (with only the ACLs the seed granted it): the generators of the source
 * products (one simulation, one producer), the stream processors of the
 * derived products (a consumer group each) and the sales dashboard
 * consumer. Expects {@link seedDemoMesh} to have run.
 */
export async function startDemoRuntime(
  options: DemoRuntimeOptions,
): Promise<DemoRuntime> {
  const log = options.log ?? (() => {});
  const products = loadDemoProducts(options);
  const registry = demoRegistry(options);
  // Every app connects as its own principal, with only its own ACLs.
  const generators = demoKafka(options, DEMO_PRINCIPALS.generators);
  const admin = generators.admin();
  const producer = generators.producer({ allowAutoTopicCreation: false });
  const dashboardKafka = demoKafka(options, DEMO_PRINCIPALS.salesDashboard);
  // The dashboard's own view of its lag, for the status line.
  const dashboardAdmin = dashboardKafka.admin();
  await Promise.all([
    admin.connect(),
    producer.connect(),
    dashboardAdmin.connect(),
  ]);
  const sender = new RecordSender(producer, registry, products);
  await sender.init();

  const startedAt = Date.now();
  const customers = createCustomers();
  const simulation = new RetailSimulation(
    seededRandom(startedAt),
    customers,
    startedAt,
  );
  // State products converge on the simulation's state; the paused product
  // gets its one batch only on the very first start.
  await sender.send(simulation.snapshot(startedAt));
  if (await isEmpty(admin, sender.topicOf(PRODUCTS.pageViews))) {
    await sender.send(
      pageViewsBeforeOutage(seededRandom(startedAt), customers, startedAt),
    );
  }

  const processors: DemoProcessor[] = [];
  let dashboard: SalesDashboard | undefined;
  let producing = Promise.resolve();
  let generator: NodeJS.Timeout | undefined;
  let statusTimer: NodeJS.Timeout | undefined;

  const stop = async () => {
    clearInterval(generator);
    clearInterval(statusTimer);
    await producing;
    await Promise.all([...processors.map(p => p.stop()), dashboard?.stop()]);
    await Promise.all([
      producer.disconnect(),
      admin.disconnect(),
      dashboardAdmin.disconnect(),
    ]);
  };

  try {
    const definitions = demoProcessors({
      ...DEFAULT_PROCESSOR_TIMING,
      ...options.processorTiming,
    });
    for (const definition of definitions) {
      processors.push(
        await startDemoProcessor(definition, options, {
          registry,
          products,
          log,
        }),
      );
    }
    const salesTopic = sender.topicOf(PRODUCTS.recentSales);
    const dashboardGroup = groupIdOf(options, SALES_DASHBOARD_GROUP);
    dashboard = await startSalesDashboard({
      kafka: dashboardKafka,
      registry,
      topic: salesTopic,
      groupId: dashboardGroup,
      refreshMs: options.dashboardRefreshMs,
    });

    // A tick that finds the previous send still running skips its turn
    // rather than piling sends up behind a slow broker.
    let busy = false;
    generator = setInterval(() => {
      if (busy) return;
      busy = true;
      producing = sender
        .send(simulation.tick(Date.now()))
        .catch(error => log(`generators: could not send: ${error.message}`))
        .finally(() => {
          busy = false;
        });
    }, options.tickMs ?? 1000);

    const statusLine = async () =>
      formatStatusLine({
        uptimeMs: Date.now() - startedAt,
        // The generators' sends and each processor's own (its principal's producer).
        sent: [sender, ...processors].flatMap(s => [...s.sentCounts()]),
        derived: definitions.map(d => d.output),
        processed: processors.map(p => p.processed()),
        dashboardRead: dashboard!.read(),
        dashboardLag: await groupLag(
          dashboardAdmin,
          dashboardGroup,
          salesTopic,
        ).catch(() => undefined),
        top: dashboard!.leaderboard.top(1)[0]?.productName,
      });
    statusTimer = setInterval(() => {
      statusLine().then(log, error =>
        log(`status unavailable: ${error.message}`),
      );
    }, options.statusIntervalMs ?? 60_000);
    log(
      `running: the generators (page views paused), ${processors.length} stream processors and the sales dashboard consumer`,
    );
    return { statusLine, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
