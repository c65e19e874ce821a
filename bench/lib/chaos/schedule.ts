import type { ChaosOptions } from './options';
import { between, seededRandom, shuffled } from './random';

/** The parts of the private stack that are restarted. */
export type Part = 'kafka' | 'registry';
export const PARTS: readonly Part[] = ['kafka', 'registry'];

export interface PlannedRestart {
  /** 1-based, in the order they run. */
  index: number;
  part: Part;
  /** From the part being stopped to asking it to start again. */
  downMs: number;
  /** From the recovery to the next restart. */
  pauseMs: number;
}

/**
 * The whole run's restarts, drawn up front from the seed: `restarts` of each
 * part in random order, each with its own down-time and following pause, so
 * that the same seed gives the same run whatever the timings turn out to be.
 */
export function planRestarts(options: ChaosOptions): PlannedRestart[] {
  const random = seededRandom(options.seed);
  const parts = shuffled(
    random,
    PARTS.flatMap(part => Array<Part>(options.restarts).fill(part)),
  );
  return parts.map((part, i) => ({
    index: i + 1,
    part,
    downMs: between(random, options.downMs.min, options.downMs.max),
    pauseMs: between(random, options.pauseMs.min, options.pauseMs.max),
  }));
}
