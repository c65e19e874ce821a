/**
 * At most `limit` holders at once; the others wait their turn in order.
 * For work that must go through but not all at once (calls to one Kafka
 * cluster); callers bound the wait with their own deadline.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held >= this.limit) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.held += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the place straight to the next in line, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.held -= 1;
    }
  }
}
