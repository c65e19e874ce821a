import { NotFoundError } from '@backstage/errors';
import type { SchemaRegistryConfig } from '../config/types';

/** One registered version of a subject, as Confluent's REST API describes it. */
export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF';
  schema: string;
}

/** The registry could not be asked, or answered with an unexpected error. */
export class RegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
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

/**
 * The parts of Confluent's schema registry REST API the suite reads, each
 * bounded in time. The kafkajs registry client is for encoding and decoding;
 * it does not expose versions or compatibility levels. A 404 becomes a
 * NotFoundError; anything else that goes wrong becomes a
 * {@link RegistryUnavailableError} whose message never carries the URL or
 * the credentials.
 */
export class SchemaRegistryRestClient {
  private readonly headers: Record<string, string>;

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

  private async get<T>(path: string, notFound: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.config.url}${path}`, {
        headers: this.headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new RegistryUnavailableError(
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : `unreachable (${errorCode(error)})`,
      );
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new NotFoundError(notFound);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new RegistryUnavailableError(`answered HTTP ${res.status}`);
    }
    try {
      return (await res.json()) as T;
    } catch {
      throw new RegistryUnavailableError('answered with invalid JSON');
    }
  }

  /** The subject's versions, oldest first. */
  async versions(subject: string): Promise<number[]> {
    const versions = await this.get<number[]>(
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
    const found = await this.get<SubjectVersion>(
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

  /** Every subject the registry holds. */
  async listSubjects(): Promise<string[]> {
    return this.get<string[]>('/subjects', 'no subjects');
  }

  /** The subject's compatibility level, falling back to the global one. */
  async compatibility(subject: string): Promise<string | undefined> {
    try {
      const found = await this.get<{ compatibilityLevel?: string }>(
        `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`,
        'no compatibility level',
      );
      return found.compatibilityLevel;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}
