import { TooManyRequestsError } from './TooManyRequestsError';

export interface ConcurrencyGateOptions {
  /** Holders at once, per key. */
  limit: number;
  /** What a refused client is told to wait before trying again. */
  retryAfterSeconds: number;
  /** The work being capped, for the refusal: `Kafka reads of 'local'`. */
  describe: (key: string) => string;
}

/**
 * At most `limit` holders per key at once (a key per Kafka cluster, or one
 * for the whole backend). One more is refused at once with a
 * {@link TooManyRequestsError} rather than queued: a queue would hold the
 * request (and its socket) for as long as the work ahead of it takes,
 * while a 429 with `Retry-After` lets the client decide.
 */
export class ConcurrencyGate {
  private readonly held = new Map<string, number>();

  constructor(private readonly options: ConcurrencyGateOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new TypeError(
        `A concurrency limit must be a positive integer, not ${options.limit}`,
      );
    }
  }

  /** The cap per key. */
  get limit(): number {
    return this.options.limit;
  }

  /**
   * Takes a place under `key` and returns what gives it back (a second
   * call of it does nothing).
   *
   * @throws TooManyRequestsError when `limit` places are taken
   */
  enter(key: string): () => void {
    const { limit, retryAfterSeconds, describe } = this.options;
    const holding = this.held.get(key) ?? 0;
    if (holding >= limit) {
      throw new TooManyRequestsError(
        `Too many ${describe(
          key,
        )} at once (at most ${limit}); try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    this.held.set(key, holding + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    };
  }

  /**
   * Runs `work` holding a place under `key`, given back when it settles.
   *
   * @throws TooManyRequestsError (as a rejection) when none is free
   */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = this.enter(key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /**
   * Runs `work` holding a place under each of `keys` (once per distinct
   * key): all or none, so a refusal gives back what was taken.
   *
   * @throws TooManyRequestsError (as a rejection) when one key has none free
   */
  async runAll<T>(keys: Iterable<string>, work: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    const releaseAll = () => releases.forEach(release => release());
    try {
      for (const key of new Set(keys)) releases.push(this.enter(key));
      return await work();
    } finally {
      releaseAll();
    }
  }

  /** Places taken under `key` now. */
  holding(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
