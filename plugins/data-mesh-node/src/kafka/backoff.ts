/**
 * Exponential backoff between reconnect attempts: none after a success,
 * then `minMs` doubling up to `maxMs` after each failure in a row. Kept
 * short: a caller waits out at most `maxMs` after Kafka is back.
 */
export class Backoff {
  private failures = 0;
  private notBefore = 0;

  constructor(
    private readonly minMs = 500,
    private readonly maxMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the next attempt may start (0: now). */
  waitMs(): number {
    return Math.max(0, this.notBefore - this.now());
  }

  failed(): void {
    const delay = Math.min(this.maxMs, this.minMs * 2 ** this.failures);
    this.failures += 1;
    this.notBefore = this.now() + delay;
  }

  succeeded(): void {
    this.failures = 0;
    this.notBefore = 0;
  }
}
