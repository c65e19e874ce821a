import { schemaSubjectOf } from '@kafka-mesh/plugin-data-mesh-common';
import {
  createKafka,
  DefaultKafkaService,
  ensureRegistryTopic,
  mapLimited,
  readRegistryTopic,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { Figure, figure, waitFor } from '../lib/figures';
import { schemaOf } from '../lib/products';
import {
  countEntities,
  countPollMs,
  Session,
  timeoutFor,
} from '../lib/session';
import { BenchBackend, peakRssMiB } from '../lib/startBenchBackend';

const TOPIC_RESOURCE = 2;

/** Status of the data mesh provider, from its own endpoint. */
async function providerReady(session: Session): Promise<boolean> {
  const res = await session.backend.call('/api/catalog/data-mesh/status');
  if (!res.ok) return false;
  const { clusters } = (await res.json()) as {
    clusters: Array<{ ready: boolean }>;
  };
  return clusters.every(c => c.ready);
}

/** Registry requests under way at once in the floor, as in SchemaInspector. */
const FLOOR_REGISTRY_CONCURRENCY = 8;

/**
 * The floor of a cold start: the same client libraries read what the
 * provider reads (the registry topic, the topics' metadata and configs, the
 * latest schema of every subject) and do nothing else.
 */
async function rawColdRead(session: Session): Promise<number> {
  const startedAt = Date.now();
  // As the portal, with the portal's ACLs, like the provider.
  const kafka = createKafka(session.clusterConfig('portal'), {
    clientId: 'bench-floor',
  });
  // The suite's one registry-topic reader, on a service of its own.
  const service = new DefaultKafkaService({
    registryTopic: session.registryTopic,
    clientId: 'bench-floor',
    clusters: [session.clusterConfig('portal')],
    schemaRegistry: { url: '' },
  });
  const records = await readRegistryTopic(
    service.cluster('local'),
    session.registryTopic,
    { timeoutMs: 300_000 },
  ).finally(() => service.stop());
  const descriptors = records.map(r => JSON.parse(r.value!.toString()));
  const topics = descriptors.map(d => d.spec.output.topic as string);
  const admin = kafka.admin();
  await admin.connect();
  await admin.listTopics();
  await Promise.all([
    admin.fetchTopicMetadata({ topics }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map(name => ({
        type: TOPIC_RESOURCE,
        name,
        configNames: ['retention.ms', 'cleanup.policy'],
      })),
    }),
    // Bounded as the provider's lookups are: all at once, 10,000 requests
    // time out at the registry (measured), which is no floor at all.
    mapLimited(descriptors, FLOOR_REGISTRY_CONCURRENCY, d =>
      session.registry.latestVersion(schemaSubjectOf(d)),
    ),
  ]);
  await admin.disconnect();
  return Date.now() - startedAt;
}

/** What the floor backend measured: N plain Components, nothing else. */
export interface IngestFloor {
  /** From the `full` request to all N readable. */
  visibleMs: number;
  peakRssMiB: number;
}

/**
 * The floor of cold ingestion, in a benchmark backend of its own, started
 * before the main one so that nothing else runs meanwhile: its registry
 * topic is empty, so the data mesh provider holds nothing, and the floor
 * provider hands the catalog N plain Components in one `full` mutation.
 * `startBackend` starts it like the main one (same stack, same database
 * kind, databases of its own).
 */
export async function measureIngestFloor(
  startBackend: (registryTopic: string) => Promise<BenchBackend>,
  admin: Admin,
  registryTopic: string,
  n: number,
): Promise<IngestFloor> {
  await ensureRegistryTopic(admin, registryTopic);
  const backend = await startBackend(registryTopic);
  try {
    const startedAt = Date.now();
    const res = await backend.call(
      `/api/catalog/bench-floor/full?count=${n}&type=floor-full`,
      'POST',
    );
    if (!res.ok) throw new Error(`floor full mutation: ${res.status}`);
    const visibleAt = await waitFor(
      async () =>
        (await countEntities(backend, 'kind=component,spec.type=floor-full')) >=
        n,
      {
        everyMs: countPollMs(n),
        timeoutMs: timeoutFor(n),
        what: `${n} floor components in the catalog`,
      },
    );
    return {
      visibleMs: visibleAt - startedAt,
      peakRssMiB: peakRssMiB(backend.pid),
    };
  } finally {
    await backend.stop();
  }
}

/**
 * Cold ingestion of the seeded products in the main backend: the ingest
 * figures when their `floor` is given, the registry call figures when
 * `registry`.
 */
export async function measureIngest(
  session: Session,
  which: { floor?: IngestFloor; registry: boolean },
): Promise<Figure[]> {
  const { backend, proxy, products } = session;
  const n = products.length;
  const figures: Figure[] = [];
  const timeoutMs = timeoutFor(n);
  const fullAt = await waitFor(() => providerReady(session), {
    timeoutMs,
    what: 'the provider full mutation',
  });
  const coldRequests = proxy.count() - session.requestsBeforeBackend;
  const visibleAt = await waitFor(
    async () => (await countEntities(backend, 'kind=dataproduct')) >= n,
    {
      everyMs: countPollMs(n),
      timeoutMs,
      what: `${n} data products in the catalog`,
    },
  );
  const peakRss = peakRssMiB(backend.pid);
  const { connectedAt } = (await (
    await backend.call('/api/catalog/bench-floor/connected-at')
  ).json()) as { connectedAt: number };

  const { floor } = which;
  if (floor) {
    const rawMs = await rawColdRead(session);
    figures.push(
      figure(
        {
          id: `ingest.full.n${n}`,
          label: `cold start → full mutation applied (N=${n})`,
          unit: 'ms',
          value: fullAt - connectedAt,
          floor: rawMs,
          floorLabel:
            'raw reads: registry topic, topic metadata, latest schemas',
          // The provider's own account of where the time went.
          detail: {
            breakdown: /Read \d+ data products from [^\n]*/.exec(
              backend.output(),
            )?.[0],
          },
        },
        { maxRatio: 1.5 },
      ),
      figure(
        {
          id: `ingest.visible.n${n}`,
          label: `cold start → all N readable (N=${n})`,
          unit: 'ms',
          value: visibleAt - connectedAt,
          floor: floor.visibleMs,
          floorLabel: `Component full mutation of N, no-op provider, backend of its own`,
          detail: { fullToVisibleMs: visibleAt - fullAt },
        },
        { maxRatio: 1.2 },
      ),
      figure({
        id: `ingest.peakRss.products.n${n}`,
        label: `backend peak RSS with N data products (N=${n})`,
        unit: 'MiB',
        value: peakRss,
      }),
      figure({
        id: `ingest.peakRss.floor.n${n}`,
        label: `backend peak RSS with N plain Components (floor, N=${n})`,
        unit: 'MiB',
        value: floor.peakRssMiB,
      }),
      figure(
        {
          id: `ingest.providerMemory.n${n}`,
          label: `memory the provider adds (N=${n})`,
          unit: 'MiB',
          value: peakRss - floor.peakRssMiB,
        },
        { max: 300 },
      ),
    );
  }

  if (which.registry) {
    const refreshRequests = await countOneRefresh(session);
    // One team evolves one schema; the next refresh should ask about little more.
    const evolved = products[n - 1];
    await session.registry.register(
      schemaSubjectOf(evolved),
      schemaOf(evolved.metadata.name, 2),
    );
    const changedRefreshRequests = await countOneRefresh(session);
    figures.push(
      figure(
        {
          id: `registry.cold.n${n}`,
          label: `registry requests per distinct schema id, cold start (N=${n})`,
          unit: 'requests',
          value: coldRequests / n,
          detail: { requests: coldRequests, distinctSchemaIds: n },
        },
        { max: 1 },
      ),
      figure(
        {
          id: `registry.refresh.n${n}`,
          label: `registry requests, refresh with nothing changed (N=${n})`,
          unit: 'requests',
          value: refreshRequests,
        },
        { max: 0 },
      ),
      figure(
        {
          id: `registry.refreshOneChange.n${n}`,
          // A count, not a ratio: 2 in 10,000 would round to 0.
          label: `registry requests, refresh after one new schema version (N=${n}; target: one per distinct schema id)`,
          unit: 'requests',
          value: changedRefreshRequests,
          detail: { distinctSchemaIds: n },
        },
        { max: n },
      ),
    );
  }
  return figures;
}

/**
 * The registry requests of the next scheduled enrichment: from the first
 * request after now until 3 s without any; 0 when a whole period passes
 * without one.
 */
async function countOneRefresh(session: Session): Promise<number> {
  const { proxy, options } = session;
  const before = proxy.count();
  const deadline = Date.now() + (options.refreshSeconds + 15) * 1000;
  while (proxy.count() === before && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 100));
  }
  if (proxy.count() === before) return 0;
  while (Date.now() - proxy.lastAt() < 3000) {
    await new Promise(r => setTimeout(r, 200));
  }
  return proxy.count() - before;
}
