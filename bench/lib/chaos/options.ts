/*
 * `yarn chaos [--restarts 10] [--seed <n>]`: what a run does, defaults
 * included, so that the result file records every setting it ran with.
 */

export interface ChaosOptions {
  /** Restarts per part (the broker and the registry each). */
  restarts: number;
  /** Seeds the order of restarts, the down-times and the pauses. */
  seed: number;
  /** How long a stopped part stays down, drawn per restart. */
  downMs: { min: number; max: number };
  /** The wait after a recovery before the next restart, drawn per restart. */
  pauseMs: { min: number; max: number };
  /** How long a restart may take to recover before it counts as not recovered. */
  recoveryLimitMs: number;
  /** After the last restart: how long acknowledged updates have to show. */
  visibleWithinMs: number;
  /** The target: p95 of recovery per part at most this. */
  recoveryTargetMs: number;
}

export function defaultOptions(): ChaosOptions {
  return {
    restarts: 10,
    // A fresh seed unless one is given; it is recorded to repeat the run.
    seed: Math.floor(Math.random() * 2 ** 31),
    downMs: { min: 2_000, max: 8_000 },
    pauseMs: { min: 5_000, max: 15_000 },
    recoveryLimitMs: 120_000,
    visibleWithinMs: 60_000,
    recoveryTargetMs: 30_000,
  };
}

export function parseChaosArgs(argv: string[]): ChaosOptions {
  const options = defaultOptions();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = Number(argv[i + 1]);
    if (arg === '--restarts' || arg === '--seed') {
      const min = arg === '--restarts' ? 1 : 0;
      if (!Number.isInteger(value) || value < min) {
        throw new Error(
          `${arg} needs a whole number ≥ ${min}, not '${argv[i + 1]}'`,
        );
      }
      if (arg === '--restarts') options.restarts = value;
      else options.seed = value;
      i++;
    } else {
      throw new Error(
        `Unknown argument '${arg}'; expected --restarts <n> or --seed <n>`,
      );
    }
  }
  return options;
}
