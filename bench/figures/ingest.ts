import { schemaSubjectOf } from '@kafka-mesh/plugin-data-mesh-common';
import {
  createKafka,
  readRegistryTopic,
} from '@kafka-mesh/plugin-data-mesh-node';
import { Figure, figure, waitFor } from '../lib/figures';
import { countEntities, Session } from '../lib/session';
import { peakRssMiB } from '../lib/startBenchBackend';

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

/**
 * The floor of a cold start: the same client libraries read what the
 * provider reads (the registry topic, the topics' metadata and configs, the
 * latest schema of every subject) and do nothing else.
 */
async function rawColdRead(session: Session): Promise<number> {
  const startedAt = Date.now();
  const kafka = createKafka(
    { name: 'local', brokers: session.brokers.split(',') },
    { clientId: 'bench-floor' },
  );
  const records = await readRegistryTopic(kafka, session.registryTopic, {
    timeoutMs: 300_000,
  });
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
    Promise.all(
      descriptors.map(d => session.registry.latestVersion(schemaSubjectOf(d))),
    ),
  ]);
  await admin.disconnect();
  return Date.now() - startedAt;
}

/** Cold ingestion of the seeded products, then the registry calls figures. */
export async function measureIngest(
  session: Session,
  which: { ingest: boolean; registry: boolean },
): Promise<Figure[]> {
  const { backend, proxy, products } = session;
  const n = products.length;
  const figures: Figure[] = [];
  // The catalog takes minutes for tens of thousands of entities.
  const timeoutMs = Math.max(600_000, n * 120);
  const fullAt = await waitFor(() => providerReady(session), {
    timeoutMs,
    what: 'the provider full mutation',
  });
  const coldRequests = proxy.count() - session.requestsBeforeBackend;
  const visibleAt = await waitFor(
    async () => (await countEntities(backend, 'kind=dataproduct')) >= n,
    { everyMs: 100, timeoutMs, what: `${n} data products in the catalog` },
  );
  const { connectedAt } = (await (
    await backend.call('/api/catalog/bench-floor/connected-at')
  ).json()) as { connectedAt: number };

  if (which.ingest) {
    const rawMs = await rawColdRead(session);
    const floorStartedAt = Date.now();
    await backend.call(
      `/api/catalog/bench-floor/full?count=${n}&type=floor-full`,
      'POST',
    );
    const floorVisibleAt = await waitFor(
      async () =>
        (await countEntities(backend, 'kind=component,spec.type=floor-full')) >=
        n,
      { everyMs: 100, timeoutMs, what: `${n} floor components in the catalog` },
    );
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
        },
        { maxRatio: 1.5 },
      ),
      figure(
        {
          id: `ingest.visible.n${n}`,
          label: `cold start → all N readable (N=${n})`,
          unit: 'ms',
          value: visibleAt - connectedAt,
          floor: floorVisibleAt - floorStartedAt,
          floorLabel: `Component full mutation of N, no-op provider`,
          detail: { fullToVisibleMs: visibleAt - fullAt },
        },
        { maxRatio: 1.2 },
      ),
      figure({
        id: `ingest.peakRss.n${n}`,
        label: `backend peak RSS after ingestion (N=${n})`,
        unit: 'MiB',
        value: peakRssMiB(backend.pid),
      }),
    );
  }

  if (which.registry) {
    const refreshRequests = await countOneRefresh(session);
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
