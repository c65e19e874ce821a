import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  COMPATIBILITY_LEVELS,
  CompatibilityLevel,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { SchemaRegistryConfig } from '../config/types';
import { describeIncompatibilities } from '../schema/compatibility/describeIncompatibilities';
import { SchemaSyntaxError } from '../schema/SchemaSyntaxError';
import { formatOfSchemaType, RegistrySchemaType } from '../schema/schemaTypes';
import { RegistryNotAuthorizedError, RegistryUnavailableError } from './errors';

// Its public home has been this module; it lives in ./errors.
export { RegistryUnavailableError };

/**
 * One registered version of a subject, as Confluent's REST API describes it.
 *
 * @public
 */
export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  schemaType: RegistrySchemaType;
  schema: string;
}

/**
 * A schema text to register, look up or test, with its type.
 *
 * @public
 */
export interface RegistrySchema {
  schema: string;
  schemaType: RegistrySchemaType;
}

/**
 * The registry's verdict on a new schema for a subject.
 *
 * @public
 */
export interface CompatibilityResult {
  compatible: boolean;
  /** One sentence per incompatible change; empty when compatible. */
  messages: string[];
}

/** The system error code behind a failed fetch, e.g. ECONNREFUSED. */
function errorCode(error: unknown): string {
  type Cause = {
    code?: string;
    cause?: Cause;
    errors?: Cause[];
    name?: string;
  };
  let current = error as Cause | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.code) return current.code;
    current = current.cause ?? current.errors?.[0];
  }
  return (error as Error).name;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** The registry's `message` for a rejected call, without Java class names. */
async function registryReason(res: Response): Promise<string> {
  try {
    const { message } = (await res.json()) as { message?: unknown };
    if (typeof message === 'string' && message) {
      return message.replace(/^([\w$]+\.)+[\w$]*(Exception|Error):\s*/, '');
    }
  } catch {
    // No JSON body; the status says enough.
  }
  return `HTTP ${res.status}`;
}

const isCompatibilityLevel = (level: unknown): level is CompatibilityLevel =>
  (COMPATIBILITY_LEVELS as readonly unknown[]).includes(level);

/**
 * How long after the registry was last unreachable its 404s are taken for
 * a registry still starting up rather than for a missing subject.
 */
export const SETTLING_MS = 10_000;

/**
 * The parts of Confluent's schema registry REST API the suite reads and
 * writes, each bounded in time. The kafkajs registry client is for encoding
 * and decoding; it does not expose versions, compatibility levels or
 * compatibility tests. A 404 becomes a NotFoundError, a rejected schema a
 * ConflictError (incompatible) or InputError (invalid); anything else that
 * goes wrong becomes a {@link RegistryUnavailableError} whose message never
 * carries the URL or the credentials.
 *
 * @public
 */
export class SchemaRegistryRestClient {
  private readonly headers: Record<string, string>;
  /** When the registry last could not be asked (ms since the epoch). */
  private lastUnavailableAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly config: SchemaRegistryConfig,
    private readonly timeoutMs = 5000,
  ) {
    this.headers = { Accept: CONTENT_TYPE };
    if (config.auth) {
      const { username, password } = config.auth;
      this.headers.Authorization = `Basic ${Buffer.from(
        `${username}:${password}`,
      ).toString('base64')}`;
    }
  }

  /**
   * One call to the registry. A 404 becomes a NotFoundError with the given
   * message; a rejected schema (409, 422) a ConflictError or InputError with
   * the registry's own reason.
   */
  private async request<T>(
    path: string,
    notFound: string,
    { method = 'GET', body }: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    try {
      return await this.requestOnce<T>(path, notFound, { method, body });
    } catch (error) {
      if (error instanceof RegistryUnavailableError) {
        this.lastUnavailableAt = Date.now();
      } else if (
        error instanceof NotFoundError &&
        Date.now() - this.lastUnavailableAt < SETTLING_MS
      ) {
        // A registry that was away moments ago may answer before it has
        // loaded its schemas (Apicurio replays its storage topic; 404s
        // were measured for about 0.4 s after a restart): "no such
        // subject" then is not to be trusted, and a publish must not be
        // refused for a schema that exists.
        throw new RegistryUnavailableError(
          `is starting up (it answered 404 within ${
            SETTLING_MS / 1000
          } s of being unreachable)`,
          error,
        );
      }
      throw error;
    }
  }

  private async requestOnce<T>(
    path: string,
    notFound: string,
    { method = 'GET', body }: { method?: string; body?: unknown },
  ): Promise<T> {
    let res: Response;
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      // Node's global fetch pools keep-alive connections and drops those
      // the registry closed; a request that ran out of time is aborted with
      // its connection, so nothing dead is kept across an outage.
      res = await fetch(`${this.config.url}${path}`, {
        method,
        headers: body
          ? { ...this.headers, 'Content-Type': CONTENT_TYPE }
          : this.headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: deadline,
      });
    } catch (error) {
      // The cause is fetch's own error ("fetch failed"), not the system
      // error beneath it, which names the address.
      throw new RegistryUnavailableError(
        deadline.aborted
          ? `no answer within ${this.timeoutMs} ms`
          : `unreachable (${errorCode(error)})`,
        error,
      );
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new NotFoundError(notFound);
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new RegistryNotAuthorizedError(
        `The schema registry refused the portal's credentials (HTTP ${res.status}); check dataMesh.schemaRegistry.auth`,
      );
    }
    if (res.status === 409 || res.status === 422) {
      const reason = await registryReason(res);
      throw res.status === 409
        ? new ConflictError(`The registry rejected the schema: ${reason}`)
        : new InputError(`The registry rejected the schema: ${reason}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new RegistryUnavailableError(`answered HTTP ${res.status}`);
    }
    try {
      return (await res.json()) as T;
    } catch (error) {
      // The deadline covers the body too.
      throw new RegistryUnavailableError(
        deadline.aborted
          ? `no answer within ${this.timeoutMs} ms`
          : 'answered with invalid JSON',
        error,
      );
    }
  }

  /** The subject's versions, oldest first. */
  async versions(subject: string): Promise<number[]> {
    const versions = await this.request<number[]>(
      `/subjects/${encodeURIComponent(subject)}/versions`,
      `No schema is registered under the subject '${subject}'`,
    );
    return [...versions].sort((a, b) => a - b);
  }

  /** One version of a subject; `latest` allowed. */
  async version(
    subject: string,
    version: number | 'latest',
  ): Promise<SubjectVersion> {
    const found = await this.request<SubjectVersion>(
      `/subjects/${encodeURIComponent(subject)}/versions/${version}`,
      `The subject '${subject}' has no version ${version}`,
    );
    return { ...found, schemaType: found.schemaType ?? 'AVRO' };
  }

  /** The newest version, or `undefined` when the subject does not exist. */
  async latestVersion(subject: string): Promise<SubjectVersion | undefined> {
    try {
      return await this.version(subject, 'latest');
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The schema registered with an id (what a record's wire-format header
   * names); a NotFoundError for an unknown id.
   */
  async schemaById(id: number): Promise<RegistrySchema> {
    const found = await this.request<{
      schema: string;
      schemaType?: RegistrySchemaType;
    }>(`/schemas/ids/${id}`, `No schema is registered with the id ${id}`);
    return { schema: found.schema, schemaType: found.schemaType ?? 'AVRO' };
  }

  /** Every subject the registry holds. */
  async listSubjects(): Promise<string[]> {
    return this.request<string[]>('/subjects', 'no subjects');
  }

  /** The subject's compatibility level, falling back to the global one. */
  async compatibility(subject: string): Promise<string | undefined> {
    try {
      const found = await this.request<{ compatibilityLevel?: string }>(
        `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`,
        'no compatibility level',
      );
      return found.compatibilityLevel;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** Registers a schema (or finds it registered) under a subject. */
  async register(
    subject: string,
    schema: RegistrySchema,
  ): Promise<{ id: number }> {
    const { id } = await this.request<{ id: number }>(
      `/subjects/${encodeURIComponent(subject)}/versions`,
      `The registry has no subject '${subject}'`,
      { method: 'POST', body: schema },
    );
    return { id };
  }

  /**
   * The id and version under which this exact schema is registered in the
   * subject, or `undefined` when it is not (or the subject does not exist).
   */
  async lookup(
    subject: string,
    schema: RegistrySchema,
  ): Promise<{ id: number; version: number } | undefined> {
    try {
      const { id, version } = await this.request<{
        id: number;
        version: number;
      }>(`/subjects/${encodeURIComponent(subject)}`, 'not registered', {
        method: 'POST',
        body: schema,
      });
      return { id, version };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Whether the subject's compatibility level lets the schema follow the
   * registered versions; a subject that does not exist accepts anything.
   * The registry's own messages are used when it gives any (Confluent with
   * `verbose`); Apicurio gives none, so the differences are explained here.
   */
  async testCompatibility(
    subject: string,
    schema: RegistrySchema,
  ): Promise<CompatibilityResult> {
    let verdict: { is_compatible: boolean; messages?: string[] };
    try {
      verdict = await this.request(
        `/compatibility/subjects/${encodeURIComponent(
          subject,
        )}/versions/latest?verbose=true`,
        'no subject',
        { method: 'POST', body: schema },
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        return { compatible: true, messages: [] };
      }
      throw error;
    }
    if (verdict.is_compatible) return { compatible: true, messages: [] };
    return {
      compatible: false,
      messages: verdict.messages?.length
        ? verdict.messages
        : await this.explainIncompatibility(subject, schema),
    };
  }

  /** Sentences for a schema the registry found incompatible. */
  private async explainIncompatibility(
    subject: string,
    schema: RegistrySchema,
  ): Promise<string[]> {
    const level = await this.compatibility(subject);
    const versions = level?.endsWith('_TRANSITIVE')
      ? await this.versions(subject)
      : (['latest'] as const);
    const registered = await Promise.all(
      versions.map(v => this.version(subject, v)),
    );
    const sentences = new Set<string>();
    for (const found of registered) {
      const prefix = registered.length > 1 ? `version ${found.version}: ` : '';
      if (found.schemaType !== schema.schemaType) {
        sentences.add(
          `${prefix}the subject holds ${found.schemaType} schemas, not ${schema.schemaType}`,
        );
        continue;
      }
      if (!isCompatibilityLevel(level)) continue;
      try {
        describeIncompatibilities(
          formatOfSchemaType(found.schemaType),
          found.schema,
          schema.schema,
          level,
        ).forEach(sentence => sentences.add(`${prefix}${sentence}`));
      } catch (error) {
        // An unparsable side leaves the registry's verdict unexplained.
        if (!(error instanceof SchemaSyntaxError)) throw error;
      }
    }
    if (sentences.size) return [...sentences];
    return [
      `the registry reports that the schema is not compatible with the registered versions of '${subject}' (level ${
        level ?? 'unknown'
      })`,
    ];
  }

  /** Sets the subject's compatibility level. */
  async setCompatibility(
    subject: string,
    level: CompatibilityLevel,
  ): Promise<void> {
    if (!isCompatibilityLevel(level)) {
      throw new InputError(
        `'${level}' is not a compatibility level (one of ${COMPATIBILITY_LEVELS.join(
          ', ',
        )})`,
      );
    }
    await this.request(
      `/config/${encodeURIComponent(subject)}`,
      `The registry has no subject '${subject}'`,
      { method: 'PUT', body: { compatibility: level } },
    );
  }

  /**
   * Deletes a subject with all its versions, soft then permanently, for
   * tests and cleanup; a subject that does not exist is left alone.
   */
  async deleteSubject(subject: string): Promise<void> {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    try {
      await this.request(path, 'gone', { method: 'DELETE' });
      await this.request(`${path}?permanent=true`, 'gone', {
        method: 'DELETE',
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}
