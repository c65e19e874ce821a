import type { Admin } from 'kafkajs';

/**
 * Where a schema registry's state stands, for telling whether its answers
 * may have changed since it was last asked.
 */
export interface RegistryChangeSignal {
  /** An opaque mark that moves whenever the registry is written to; undefined when it cannot be read. */
  position(): Promise<string | undefined>;
}

/**
 * The Kafka topic a registry keeps its state in (Apicurio's kafkasql
 * journal, Confluent's `_schemas`). Every registration, deletion and
 * compatibility change appends to it, so its end offsets are a mark that
 * moves exactly when the registry's answers may: reading them costs one
 * Kafka request and no registry request at all.
 */
export class RegistryStorageTopic implements RegistryChangeSignal {
  constructor(
    private readonly admin: () => Promise<Admin>,
    private readonly topic: string,
  ) {}

  async position(): Promise<string | undefined> {
    try {
      const admin = await this.admin();
      const offsets = await admin.fetchTopicOffsets(this.topic);
      return offsets
        .sort((a, b) => a.partition - b.partition)
        .map(o => `${o.partition}:${o.high}`)
        .join(',');
    } catch {
      // Unknown: the refresh then asks the registry as it would without a signal.
      return undefined;
    }
  }
}
