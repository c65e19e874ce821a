import type { QualityCheckPoint } from '@kafka-mesh/plugin-data-mesh-common';

/** Points a pass-rate chart draws at most. */
export const PASS_RATE_BUCKETS = 24;

/**
 * The pass rate over time: the series cut into up to
 * {@link PASS_RATE_BUCKETS} consecutive buckets of checks, each the share
 * of its checks that passed.
 */
export function passRateBuckets(series: QualityCheckPoint[]): number[] {
  if (series.length === 0) return [];
  const size = Math.max(1, Math.ceil(series.length / PASS_RATE_BUCKETS));
  const out: number[] = [];
  for (let i = 0; i < series.length; i += size) {
    const bucket = series.slice(i, i + size);
    out.push(bucket.filter(p => p.passed).length / bucket.length);
  }
  return out;
}
