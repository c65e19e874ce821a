// The contract monitor's cost per cycle over N products, on a private
// stack: share of a core (CPU time / wall time of the cycle), Kafka calls
// and registry requests per cycle (counted by wrappers), for a first
// cycle (every product's newest records), a steady one (nothing new) and
// one with new records. Run alone:
//   node -r @backstage/cli/config/nodeTransform.cjs bench/figures/monitor.ts --n 1000
import knexFactory from 'knex';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { startIsolated } from '@kafka-mesh/local-stack';
import {
  createSchemaRegistry,
  createTopics,
  DefaultKafkaService,
  KafkaService,
  mapLimited,
} from '@kafka-mesh/plugin-data-mesh-node';
import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import { migrationsDir } from '../../plugins/data-mesh-backend/src/access/AccessStore';
import {
  ContractMonitor,
  MonitoredProduct,
  MonitorRunSummary,
} from '../../plugins/data-mesh-backend/src/monitor/ContractMonitor';
import { QualityStore } from '../../plugins/data-mesh-backend/src/monitor/QualityStore';
import { Figure, figure } from '../lib/figures';
import { startCountingProxy } from '../lib/registryProxy';

const schema = {
  type: 'record',
  name: 'Order',
  namespace: 'bench.monitor',
  fields: [
    { name: 'orderId', type: ['null', 'string'], default: null },
    { name: 'amount', type: 'double' },
  ],
};

/** Counts the KafkaService calls the monitor makes. */
function countingKafka(inner: KafkaService) {
  const counts = { admin: 0, reads: 0 };
  const service: KafkaService = {
    clusterNames: () => inner.clusterNames(),
    stop: () => inner.stop(),
    cluster: name => {
      const c = inner.cluster(name);
      return {
        name: c.name,
        config: c.config,
        kafka: c.kafka,
        admin: (what, fn, options) => {
          counts.admin++;
          return c.admin(what, fn, options);
        },
        producer: (fn, config) => c.producer(fn, config),
        consumer: (config, fn) => c.consumer(config, fn),
        reading: fn => {
          counts.reads++;
          return c.reading(fn);
        },
      };
    },
  };
  return { service, counts };
}

export interface MonitorCycleFigure {
  cycle: string;
  wallMs: number;
  cpuMs: number;
  coreShare: number;
  kafkaAdminCalls: number;
  kafkaConsumers: number;
  registryRequests: number;
  summary: MonitorRunSummary;
}

export async function measureMonitor(n: number): Promise<MonitorCycleFigure[]> {
  const isolated = await startIsolated();
  const proxy = await startCountingProxy(isolated.registryUrl);
  try {
    const registry = createSchemaRegistry({ url: isolated.registryUrl });
    const fixtures = createKafka(isolated.clusterConfig('admin'), {
      clientId: 'bench-monitor-fixtures',
    });
    const run = Date.now().toString(36);
    const products: MonitoredProduct[] = Array.from({ length: n }, (_, i) => ({
      ref: `dataproduct:default/bench-${run}-${i}`,
      owner: 'group:default/bench',
      cluster: 'local',
      topic: `bench.monitor-${run}-${i}.v1`,
      subject: `bench.monitor-${run}-${i}.v1-value`,
      piiFields: [],
      rules: [
        {
          name: 'id-present',
          metric: 'nullValues',
          property: 'orderId',
          mustBe: 0,
        },
        {
          name: 'sane-amount',
          metric: 'invalidValues',
          property: 'amount',
          arguments: { minimum: 0 },
          mustBe: 0,
        },
        {
          name: 'fresh',
          metric: 'freshness',
          mustBeLessOrEqualTo: 300,
          unit: 'seconds',
        },
      ],
    }));
    const admin = fixtures.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: products.map(p => ({
        topic: p.topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    await admin.disconnect();
    // A schema per product, as teams would have: one schema id each.
    const ids = await mapLimited(
      products.map((p, i) => ({ p, i })),
      16,
      async ({ p, i }) => {
        const { id } = await registry.register(
          {
            type: SchemaType.AVRO,
            schema: JSON.stringify({ ...schema, name: `Order${i}` }),
          },
          { subject: p.subject },
        );
        return id;
      },
    );
    const producer = fixtures.producer();
    await producer.connect();
    const produce = async (count: number) => {
      await mapLimited(
        products.map((p, i) => ({ p, i })),
        16,
        async ({ p, i }) =>
          producer.send({
            topic: p.topic,
            messages: await Promise.all(
              Array.from({ length: count }, async (_, k) => ({
                value: await registry.encode(ids[i], {
                  orderId: k === 0 && i % 10 === 0 ? null : `o-${k}`,
                  amount: k,
                }),
              })),
            ),
          }),
      );
    };
    await produce(10);

    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await knex.migrate.latest({ directory: migrationsDir() });
    const store = new QualityStore(knex);
    const kafka = countingKafka(
      new DefaultKafkaService({
        registryTopic: '_data-products',
        clientId: 'bench-monitor',
        clusters: [{ ...isolated.clusterConfig('portal'), name: 'local' }],
        schemaRegistry: { url: proxy.url },
      } as any),
    );
    const monitorRegistry = createSchemaRegistry({ url: proxy.url });
    const monitor = new ContractMonitor({
      store,
      listProducts: async () => products.map(p => ({ ...p })),
      kafka: kafka.service,
      decode: buffer => monitorRegistry.decode(buffer),
      maskPathsOf: async () => [],
      notify: async () => {},
      logger: {
        // Warnings count: a cycle that fails products says why.
        warn: (m: string) => console.warn(m),
        info: () => {},
        debug: () => {},
        error: (m: string) => console.error(m),
        child: function child() {
          return this;
        },
      } as any,
      retentionMs: 7 * 86400_000,
      // One cycle over all N products: the run bound is not what is measured.
      limits: { maxRecordsPerRun: Math.max(20_000, n * 20) },
    });
    const figures: MonitorCycleFigure[] = [];
    const cycle = async (name: string) => {
      kafka.counts.admin = 0;
      kafka.counts.reads = 0;
      const registryBefore = proxy.count();
      const cpu = process.cpuUsage();
      const start = performance.now();
      const summary = await monitor.run();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      figures.push({
        cycle: name,
        wallMs: Math.round(wallMs),
        cpuMs: Math.round(cpuMs),
        coreShare: Number((cpuMs / wallMs).toFixed(3)),
        kafkaAdminCalls: kafka.counts.admin,
        kafkaConsumers: kafka.counts.reads,
        registryRequests: proxy.count() - registryBefore,
        summary,
      });
    };
    await cycle('first (10 records each)');
    await cycle('steady (nothing new)');
    await produce(5);
    await cycle('new records (5 each)');
    await producer.disconnect();
    await kafka.service.stop();
    return figures;
  } finally {
    await proxy.close();
    await isolated.down();
  }
}

const CYCLE_IDS: Record<string, string> = {
  'first (10 records each)': 'first',
  'steady (nothing new)': 'steady',
  'new records (5 each)': 'new-records',
};

/**
 * `yarn bench monitor`: per cycle (first, steady, new records) the share of
 * a core, the Kafka calls (admin calls and consumers) and the registry
 * requests. No floor: the monitor's cost is judged per product. Targets on
 * the registry requests only: at most one per distinct schema id (N) on
 * the first cycle (the registry client caches schemas), none while nothing
 * is new.
 */
export async function monitorFigures(n: number): Promise<Figure[]> {
  const cycles = await measureMonitor(n);
  return cycles.flatMap(c => {
    const id = `monitor.${CYCLE_IDS[c.cycle] ?? c.cycle}`;
    const registryTarget =
      id === 'monitor.first'
        ? { max: n }
        : id === 'monitor.steady'
        ? { max: 0 }
        : undefined;
    return [
      figure({
        id: `${id}.core-share`,
        label: `Monitor cycle, ${c.cycle}: share of a core (N=${n})`,
        unit: 'of a core',
        value: c.coreShare,
        detail: { wallMs: c.wallMs, cpuMs: c.cpuMs, summary: c.summary },
      }),
      figure({
        id: `${id}.kafka-calls`,
        label: `Monitor cycle, ${c.cycle}: Kafka calls (N=${n})`,
        unit: 'calls',
        value: c.kafkaAdminCalls + c.kafkaConsumers,
        detail: {
          adminCalls: c.kafkaAdminCalls,
          consumers: c.kafkaConsumers,
          perProduct: Number(
            ((c.kafkaAdminCalls + c.kafkaConsumers) / n).toFixed(3),
          ),
        },
      }),
      figure(
        {
          id: `${id}.registry-requests`,
          label: `Monitor cycle, ${c.cycle}: registry requests (N=${n})`,
          unit: 'requests',
          value: c.registryRequests,
        },
        registryTarget,
      ),
    ];
  });
}

if (require.main === module) {
  const at = process.argv.indexOf('--n');
  const n = at > 0 ? Number(process.argv[at + 1]) : 1000;
  measureMonitor(n).then(
    figures => {
      // eslint-disable-next-line no-console
      console.log(JSON.stringify({ n, figures }, null, 2));
      process.exit(0);
    },
    error => {
      // eslint-disable-next-line no-console
      console.error(error);
      process.exit(1);
    },
  );
}
