import type { SchemaFacts } from '@kafka-mesh/plugin-data-mesh-common';
import {
  formatOfSchemaType,
  type SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';

/**
 * Schema registry facts per subject, cached: a descriptor update only asks
 * the registry about subjects it has not seen, and only `refresh` (the
 * scheduled enrichment) asks again about all of them. A failed lookup is
 * never cached, so the next call retries it; while the registry is down a
 * subject known before keeps its last known facts. A schema type the mesh
 * has no format for (Apicurio also serves XML, OpenAPI, …) gives `unknown`
 * facts rather than a format that would misread the schema.
 */
export class SchemaInspector {
  private readonly cache = new Map<string, SchemaFacts>();
  /** Registry requests made, for the benchmarks. */
  requests = 0;

  constructor(private readonly client: SchemaRegistryRestClient) {}

  async describe(
    subjects: Iterable<string>,
    { refresh = false } = {},
  ): Promise<Map<string, SchemaFacts>> {
    const facts = new Map<string, SchemaFacts>();
    const toFetch: string[] = [];
    for (const subject of new Set(subjects)) {
      const cached = refresh ? undefined : this.cache.get(subject);
      if (cached) facts.set(subject, cached);
      else toFetch.push(subject);
    }
    await Promise.all(
      toFetch.map(async subject => {
        const found = await this.lookup(subject);
        if (found.status !== 'unknown') this.cache.set(subject, found);
        // During an outage the last known facts beat `unknown`.
        facts.set(
          subject,
          found.status === 'unknown' ? this.cache.get(subject) ?? found : found,
        );
      }),
    );
    return facts;
  }

  private async lookup(subject: string): Promise<SchemaFacts> {
    try {
      this.requests += 2;
      const [latest, compatibility] = await Promise.all([
        this.client.latestVersion(subject),
        this.client.compatibility(subject),
      ]);
      if (!latest) return { status: 'missing', subject };
      return {
        status: 'registered',
        subject,
        version: latest.version,
        id: latest.id,
        format: formatOfSchemaType(latest.schemaType),
        compatibility,
      };
    } catch {
      return { status: 'unknown', subject };
    }
  }
}
