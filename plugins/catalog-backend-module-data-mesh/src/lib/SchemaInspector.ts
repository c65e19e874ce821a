import type { SchemaFacts } from '@kafka-mesh/plugin-data-mesh-common';
import {
  formatOfSchemaType,
  mapLimited,
  type SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { RegistryChangeSignal } from './RegistryStorageTopic';

/** Registry requests under way at once: a refresh of thousands of subjects reuses a few kept-alive connections instead of opening one each. */
const DEFAULT_CONCURRENCY = 8;

export interface SchemaInspectorOptions {
  /** Tells a refresh whether the registry changed since the last one. */
  changes?: RegistryChangeSignal;
  concurrency?: number;
}

/**
 * Schema registry facts per subject, cached: a descriptor update only asks
 * the registry about subjects it has not seen, and only `refresh` (the
 * scheduled enrichment) asks again about all of them; with a change signal,
 * only about those the registry was written to since they were last read. A failed lookup is never cached, so the next call
 * retries it; while the registry is down a subject known before keeps its
 * last known facts. A schema type the mesh has no format for (Apicurio also
 * serves XML, OpenAPI, …) gives `unknown` facts rather than a format that
 * would misread the schema.
 */
/** Cached facts, and whether the compatibility level was asked for them. */
interface CachedFacts {
  facts: SchemaFacts;
  withLevel: boolean;
}

export interface DescribeOptions {
  /** Ask again about subjects the change signal says were written to (all, without one). */
  refresh?: boolean;
  /**
   * Whether a subject's compatibility level is wanted. It is a second
   * registry request, and in the catalog only the governance check of a
   * tier with a minimum level reads it (entity pages ask the live
   * endpoint), so the provider asks for it only there. Default: always.
   */
  withLevel?: (subject: string) => boolean;
}

export class SchemaInspector {
  private readonly cache = new Map<string, CachedFacts>();
  /** The change signal's mark before the last call that brought the cached facts up to date. */
  private settledAt?: string;
  /**
   * Subjects whose last lookup failed: asked again by the next refresh
   * whatever the signal says, and only they, so that a registry hiccup
   * during a cold start of thousands does not make every retry ask about
   * all of them.
   */
  private readonly failed = new Set<string>();
  private readonly concurrency: number;

  constructor(
    private readonly client: SchemaRegistryRestClient,
    private readonly options: SchemaInspectorOptions = {},
  ) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  async describe(
    subjects: Iterable<string>,
    { refresh = false, withLevel = () => true }: DescribeOptions = {},
  ): Promise<Map<string, SchemaFacts>> {
    // The first call (an empty cache) reads every fact it will cache, so
    // it settles the mark as a refresh does.
    const coldStart = this.cache.size === 0;
    // Asked before the lookups: a write that lands while they run is after
    // this mark, so the next refresh hears of it.
    const changes =
      (refresh || coldStart) && this.options.changes
        ? await this.options.changes.changesSince(
            coldStart ? undefined : this.settledAt,
          )
        : undefined;
    const stale = (subject: string) =>
      refresh &&
      (!changes ||
        changes.subjects === 'all' ||
        changes.subjects.has(subject) ||
        this.failed.has(subject));
    const usable = (subject: string, cached?: CachedFacts) =>
      cached && !stale(subject) && (cached.withLevel || !withLevel(subject));

    const facts = new Map<string, SchemaFacts>();
    const toFetch: string[] = [];
    for (const subject of new Set(subjects)) {
      const cached = this.cache.get(subject);
      if (usable(subject, cached)) facts.set(subject, cached!.facts);
      else toFetch.push(subject);
    }
    const found = await mapLimited(toFetch, this.concurrency, subject =>
      this.lookup(subject, withLevel(subject)),
    );
    found.forEach((answer, i) => {
      const subject = toFetch[i];
      if (answer.facts.status === 'unknown') {
        this.failed.add(subject);
      } else {
        this.failed.delete(subject);
        this.cache.set(subject, answer);
      }
      // During an outage the last known facts beat `unknown`.
      facts.set(
        subject,
        answer.facts.status === 'unknown'
          ? this.cache.get(subject)?.facts ?? answer.facts
          : answer.facts,
      );
    });
    if (changes) this.settledAt = changes.mark;
    return facts;
  }

  private async lookup(
    subject: string,
    withLevel: boolean,
  ): Promise<CachedFacts> {
    try {
      const [latest, compatibility] = await Promise.all([
        this.client.latestVersion(subject),
        withLevel ? this.client.compatibility(subject) : undefined,
      ]);
      if (!latest) return { facts: { status: 'missing', subject }, withLevel };
      return {
        facts: {
          status: 'registered',
          subject,
          version: latest.version,
          id: latest.id,
          format: formatOfSchemaType(latest.schemaType),
          ...(withLevel && { compatibility }),
        },
        withLevel,
      };
    } catch {
      return { facts: { status: 'unknown', subject }, withLevel };
    }
  }
}
