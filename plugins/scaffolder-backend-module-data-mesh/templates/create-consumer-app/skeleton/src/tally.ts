/**
 * The app's own logic, kept apart from Kafka so that it can be tested on
 * synthetic records: it counts the records of each product and remembers
 * the newest. Replace it with what your app really does.
 */
export class Tally {
  private readonly seen = new Map<string, { count: number; latest: unknown }>();

  add(entityRef: string, value: unknown): void {
    const count = this.count(entityRef) + 1;
    this.seen.set(entityRef, { count, latest: value });
  }

  count(entityRef: string): number {
    return this.seen.get(entityRef)?.count ?? 0;
  }

  latest(entityRef: string): unknown {
    return this.seen.get(entityRef)?.latest;
  }
}
