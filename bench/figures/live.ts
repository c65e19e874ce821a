import { schemaSubjectOf } from '@kafka-mesh/plugin-data-mesh-common';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { Figure, figure, percentile, timeRuns } from '../lib/figures';
import { rawConsumers, rawDiff, rawHealth, rawTailRead } from '../lib/rawCalls';
import { Session } from '../lib/session';

const SAMPLE_LIMIT = 20;

interface Endpoint {
  id: string;
  path: string;
  /** The raw calls behind a cold answer. */
  raw: (session: Session, product: DataProductEntity) => Promise<unknown>;
  /** Whether a repeated call is answered from the backend's cache. */
  cachedWhenWarm: boolean;
  targets?: { warmP95?: number; coldP95?: number };
}

const ENDPOINTS: Endpoint[] = [
  {
    id: 'health',
    path: 'health',
    raw: (s, p) => rawHealth(s.kafka, s.admin, p.spec.output.topic),
    cachedWhenWarm: true,
    targets: { warmP95: 50 },
  },
  {
    id: 'consumers',
    path: 'consumers',
    raw: (s, p) => rawConsumers(s.admin, p.spec.output.topic),
    cachedWhenWarm: true,
  },
  {
    id: 'diff',
    path: 'schema/diff?from=1&to=2',
    raw: (s, p) => rawDiff(s.registry, schemaSubjectOf(p)),
    cachedWhenWarm: true,
  },
  {
    id: 'samples',
    path: `samples?limit=${SAMPLE_LIMIT}`,
    raw: (s, p) =>
      rawTailRead(s.kafka, s.admin, p.spec.output.topic, SAMPLE_LIMIT),
    cachedWhenWarm: false,
    targets: { coldP95: 500 },
  },
];

async function callEndpoint(
  session: Session,
  product: DataProductEntity,
  path: string,
) {
  const res = await session.backend.call(
    `/api/data-mesh/products/default/${product.metadata.name}/${path}`,
  );
  const body = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${body}`);
}

/**
 * Each live endpoint, warm (the same product again and again) and cold (a
 * product not asked before, one per call), beside its floor: for answers
 * the backend caches, a round trip to a route that does no work
 * (`/governance`, the same HTTP and auth stack); otherwise the raw Kafka
 * and registry calls the endpoint makes.
 */
export async function measureLive(session: Session): Promise<Figure[]> {
  const { calls } = session.options;
  const warmProduct = session.products[0];
  const coldProducts = session.products.slice(1, calls + 1);
  if (coldProducts.length < calls) {
    throw new Error(`live needs ${calls + 1} seeded products`);
  }
  const emptyRoute = await timeRuns(calls, () =>
    session.backend.call('/api/data-mesh/governance').then(r => r.text()),
  );
  const figures: Figure[] = [];
  for (const endpoint of ENDPOINTS) {
    await callEndpoint(session, warmProduct, endpoint.path);
    const warm = await timeRuns(calls, () =>
      callEndpoint(session, warmProduct, endpoint.path),
    );
    const warmFloor = endpoint.cachedWhenWarm
      ? emptyRoute
      : await timeRuns(calls, () => endpoint.raw(session, warmProduct));
    const cold = await timeRuns(calls, i =>
      callEndpoint(session, coldProducts[i], endpoint.path),
    );
    const coldFloor = await timeRuns(calls, i =>
      endpoint.raw(session, coldProducts[i]),
    );
    for (const [state, values, floor, target] of [
      ['warm', warm, warmFloor, endpoint.targets?.warmP95],
      ['cold', cold, coldFloor, endpoint.targets?.coldP95],
    ] as const) {
      const floorLabel =
        state === 'warm' && endpoint.cachedWhenWarm
          ? 'empty route round trip'
          : 'raw kafkajs/registry calls';
      figures.push(
        figure(
          {
            id: `live.${endpoint.id}.${state}.p95`,
            label: `${endpoint.id} ${state} p95 (${calls} calls)`,
            unit: 'ms',
            value: percentile(values, 95),
            floor: percentile(floor, 95),
            floorLabel,
            detail: {
              p50: Math.round(percentile(values, 50)),
              floorP50: Math.round(percentile(floor, 50)),
              max: Math.round(Math.max(...values)),
            },
          },
          target === undefined ? undefined : { max: target },
        ),
      );
    }
  }
  return figures;
}
