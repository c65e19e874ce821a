import type {
  FreshnessStatus,
  ProductHealthResponse,
} from '@kafka-mesh/plugin-data-mesh-common';

/** Share of the freshness promise after which a product counts as at risk. */
export const AT_RISK_RATIO = 0.8;

/**
 * Classifies the age of a product's newest record against its SLA freshness:
 * `ok` up to 80 % of the promise, `at-risk` up to 100 %, `breached` above,
 * `unknown` when there is no record to judge by.
 */
export function classifyFreshness(
  ageMs: number | undefined,
  slaMs: number,
): FreshnessStatus {
  if (ageMs === undefined || !Number.isFinite(ageMs)) return 'unknown';
  if (ageMs <= slaMs * AT_RISK_RATIO) return 'ok';
  if (ageMs <= slaMs) return 'at-risk';
  return 'breached';
}

/**
 * The live freshness of a topic whose newest record was written at
 * `newestAt` (epoch ms; undefined when there is none), judged at
 * `observedAt` against an SLA freshness of `slaMs`.
 */
export function judgeFreshness(
  newestAt: number | undefined,
  slaMs: number,
  observedAt: number,
): ProductHealthResponse['freshness'] {
  const ageMs =
    newestAt === undefined ? undefined : Math.max(0, observedAt - newestAt);
  return {
    status: classifyFreshness(ageMs, slaMs),
    slaMs,
    ...(ageMs !== undefined && { ageMs }),
  };
}
