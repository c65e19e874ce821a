/**
 * A registry topic record that was skipped, and why.
 *
 * @public
 */
export interface IngestionError {
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
  /** The record key, when it had one. */
  key?: string;
  reason: string;
  /** ISO timestamp of when the record was read. */
  at: string;
}

/**
 * The most recent skipped records, newest first. Bounded so that a producer
 * spamming bad records cannot grow the backend's memory.
 */
export class IngestionErrors {
  private readonly items: IngestionError[] = [];

  constructor(private readonly capacity = 500) {}

  add(error: IngestionError): void {
    this.items.unshift(error);
    if (this.items.length > this.capacity) this.items.pop();
  }

  list(): IngestionError[] {
    return [...this.items];
  }
}
