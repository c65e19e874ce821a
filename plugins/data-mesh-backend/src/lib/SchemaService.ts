import { InputError } from '@backstage/errors';
import type {
  SchemaDiffResponse,
  SchemaVersionResponse,
  SchemaVersionsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { diffFields } from './diffFields';
import { flattenSchema } from './flatten';
import {
  formatOfSchemaType,
  type SchemaRegistryRestClient,
  type SubjectVersion,
} from '@kafka-mesh/plugin-data-mesh-node';

/** How many registered versions are kept in memory. */
const MAX_CACHED_VERSIONS = 500;

/** A version number from a path or query; `latest` when allowed. */
export function parseVersion(
  raw: unknown,
  allowLatest: boolean,
): number | 'latest' {
  if (allowLatest && raw === 'latest') return 'latest';
  if (typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw)) return Number(raw);
  throw new InputError(
    `'${String(raw)}' is not a schema version${
      allowLatest
        ? " (a positive integer or 'latest')"
        : ' (a positive integer)'
    }`,
  );
}

/**
 * Schema versions of a product's subject, flattened. Registered versions
 * never change, so each subject+version is fetched once (up to a bound);
 * `latest` and the version list are asked every time.
 */
export class SchemaService {
  private readonly versionCache = new Map<string, SubjectVersion>();

  constructor(private readonly registry: SchemaRegistryRestClient) {}

  async versions(subject: string): Promise<SchemaVersionsResponse> {
    const [versions, compatibility] = await Promise.all([
      this.registry.versions(subject),
      this.registry.compatibility(subject),
    ]);
    return { subject, ...(compatibility && { compatibility }), versions };
  }

  async version(
    subject: string,
    version: number | 'latest',
    piiFields: readonly string[] = [],
  ): Promise<SchemaVersionResponse> {
    const found = await this.registered(subject, version);
    const format = formatOfSchemaType(found.schemaType);
    return {
      subject,
      version: found.version,
      id: found.id,
      format,
      schema: found.schema,
      fields: flattenSchema(format, found.schema, piiFields),
    };
  }

  async diff(
    subject: string,
    from: number | 'latest',
    to: number | 'latest',
    piiFields: readonly string[] = [],
  ): Promise<SchemaDiffResponse> {
    const [a, b] = await Promise.all([
      this.version(subject, from, piiFields),
      this.version(subject, to, piiFields),
    ]);
    return {
      subject,
      from: a.version,
      to: b.version,
      changes: diffFields(a.fields, b.fields),
    };
  }

  private async registered(
    subject: string,
    version: number | 'latest',
  ): Promise<SubjectVersion> {
    const key = `${subject}\u0000${version}`;
    const cached =
      version === 'latest' ? undefined : this.versionCache.get(key);
    if (cached) return cached;
    const found = await this.registry.version(subject, version);
    if (this.versionCache.size >= MAX_CACHED_VERSIONS) {
      // Oldest entry out; versions are small and rarely re-read in bulk.
      this.versionCache.delete(this.versionCache.keys().next().value!);
    }
    this.versionCache.set(`${subject}\u0000${found.version}`, found);
    return found;
  }
}
