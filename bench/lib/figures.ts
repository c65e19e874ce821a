/** One measured figure beside the floor measured in the same run. */
export interface Figure {
  id: string;
  label: string;
  unit: 'ms' | 'MiB' | 'requests' | 'calls' | 'of a core';
  value: number;
  floor?: number;
  floorLabel?: string;
  /** value / floor, when there is a floor. */
  ratio?: number;
  /** `≤ 1.3× floor`, `≤ 50 ms`, … */
  target?: string;
  pass?: boolean;
  /** Anything else worth keeping: sample counts, p50s, breakdowns. */
  detail?: Record<string, unknown>;
}

export interface Target {
  /** The value may be at most this many times the floor. */
  maxRatio?: number;
  /** The value may be at most this much. */
  max?: number;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.max(
      0,
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ];
}

const round = (n: number) => Math.round(n * 100) / 100;

export function figure(
  base: Omit<Figure, 'ratio' | 'target' | 'pass'>,
  target?: Target,
): Figure {
  const ratio =
    base.floor !== undefined && base.floor > 0
      ? round(base.value / base.floor)
      : undefined;
  let targetText: string | undefined;
  let pass: boolean | undefined;
  if (target?.maxRatio !== undefined) {
    targetText = `≤ ${target.maxRatio}× floor`;
    pass = ratio !== undefined && ratio <= target.maxRatio;
  } else if (target?.max !== undefined) {
    targetText = `≤ ${target.max} ${base.unit}`;
    pass = base.value <= target.max;
  }
  return {
    ...base,
    value: round(base.value),
    floor: base.floor === undefined ? undefined : round(base.floor),
    ratio,
    target: targetText,
    pass,
  };
}

/** Times `fn` `runs` times one after the other; the durations in ms. */
export async function timeRuns(
  runs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await fn(i);
    samples.push(performance.now() - startedAt);
  }
  return samples;
}

/**
 * Polls `check` every `everyMs` until it is true; the epoch ms it was. A
 * failed check counts as not yet: a backend busy ingesting thousands of
 * entities may drop a keep-alive connection now and then.
 */
export async function waitFor(
  check: () => Promise<boolean>,
  { everyMs = 20, timeoutMs = 600_000, what = 'condition' } = {},
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const done = await check().catch(error => {
      // Errors marked fatal (the backend is gone) end the wait at once.
      if (error?.fatal) throw error;
      lastError = error;
      return false;
    });
    if (done) return Date.now();
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${
          lastError ? ` (last error: ${lastError})` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, everyMs));
  }
}
