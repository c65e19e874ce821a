/**
 * Shares work under way: whoever asks for a key while an earlier caller's
 * work for it is still pending gets that caller's promise (its value or
 * its failure) instead of starting the work again. Nothing is kept once it
 * settles; reusing answers for a while is the cache's job.
 *
 * The key must name everything the answer depends on, as the router's
 * cache keys do.
 */
export class InFlight {
  private readonly pending = new Map<string, Promise<unknown>>();

  share<T>(key: string, work: () => Promise<T>): Promise<T> {
    const shared = this.pending.get(key);
    if (shared) return shared as Promise<T>;
    // Async, so that a synchronous throw becomes this promise's failure.
    const started = (async () => work())();
    this.pending.set(key, started);
    const forget = () => {
      if (this.pending.get(key) === started) this.pending.delete(key);
    };
    // Cleanup only: whoever awaits `started` sees its failure.
    started.then(forget, forget);
    return started;
  }

  /** Keys with work under way. */
  get size(): number {
    return this.pending.size;
  }
}
