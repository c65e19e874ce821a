import { NotFoundError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatOfSchemaType,
  mapLimited,
  RegistryUnavailableError,
  type RegistrySchema,
} from '@kafka-mesh/plugin-data-mesh-node';
import { LruCache } from './LruCache';
import { IndexedField, schemaFieldsOf } from './schemaFields';

/**
 * What the collator needs of the schema registry.
 *
 * @public
 */
export interface SchemaById {
  schemaById(id: number): Promise<RegistrySchema>;
}

/** Schemas (their fields) kept between runs. */
export const DEFAULT_SCHEMA_CACHE_SIZE = 500;
/** Registry calls under way at once. */
export const REGISTRY_CONCURRENCY = 4;

/**
 * The schema fields of one index run. The first time the registry cannot
 * be asked (down, or refusing the credentials) the run stops asking it: the
 * remaining products are indexed with the fields already cached, or none,
 * and one warning says so at the end. The next run asks again.
 */
export class SchemaFieldRun {
  private registryProblem?: Error;
  private withoutFields = 0;

  constructor(
    private readonly registry: SchemaById,
    private readonly cache: LruCache<number, IndexedField[]>,
    private readonly logger: LoggerService,
  ) {}

  /** The fields of each schema id that is cached or could be fetched. */
  async fieldsOf(ids: readonly number[]): Promise<Map<number, IndexedField[]>> {
    const found = new Map<number, IndexedField[]>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const cached = this.cache.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    await mapLimited(missing, REGISTRY_CONCURRENCY, async id => {
      const fields = await this.fetch(id);
      if (fields) found.set(id, fields);
    });
    for (const id of ids) if (!found.has(id)) this.withoutFields++;
    return found;
  }

  private async fetch(id: number): Promise<IndexedField[] | undefined> {
    if (this.registryProblem) return undefined;
    let schema: RegistrySchema;
    try {
      schema = await this.registry.schemaById(id);
    } catch (error) {
      if (error instanceof NotFoundError) {
        // The product's observed facts are older than the registry's
        // contents; the catalog's next refresh names the current id.
        this.logger.warn(
          `Schema id ${id} is not in the schema registry; its data products are indexed without fields`,
        );
      } else {
        // Down, refusing the credentials, or answering nonsense: the index
        // goes on without the registry.
        this.registryProblem ??= error as Error;
      }
      return undefined;
    }
    let fields: IndexedField[];
    try {
      fields = schemaFieldsOf(
        formatOfSchemaType(schema.schemaType),
        schema.schema,
      );
    } catch (error) {
      // The same text under the same id will not parse next time either.
      this.logger.warn(
        `Schema id ${id} could not be read for its fields (${
          (error as Error).message
        }); its data products are indexed without fields`,
      );
      fields = [];
    }
    this.cache.set(id, fields);
    return fields;
  }

  /** Logs what the run could not index; call once it is done. */
  finish(): void {
    if (!this.registryProblem) return;
    const reason =
      this.registryProblem instanceof RegistryUnavailableError
        ? `the schema registry is unavailable: ${this.registryProblem.message}`
        : this.registryProblem.message;
    this.logger.warn(
      `Indexed ${this.withoutFields} data product(s) without their schema fields, ${reason}; the next run tries again`,
    );
  }
}

/**
 * The fields of schemas by registry id. A schema id names one schema for
 * good, so its fields are kept (least recently used first out) across
 * index runs and only new ids are fetched.
 */
export class SchemaFieldSource {
  private readonly cache: LruCache<number, IndexedField[]>;

  constructor(
    private readonly registry: SchemaById,
    private readonly logger: LoggerService,
    { cacheSize = DEFAULT_SCHEMA_CACHE_SIZE } = {},
  ) {
    this.cache = new LruCache(cacheSize);
  }

  /** One index run's reader; see {@link SchemaFieldRun}. */
  startRun(): SchemaFieldRun {
    return new SchemaFieldRun(this.registry, this.cache, this.logger);
  }
}
