import type { SchemaRegistryConfig } from '../config/types';

/** One version of a subject, as Confluent's REST API describes it. */
export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  /** AVRO, JSON or PROTOBUF; Confluent leaves it out for Avro. */
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF';
  schema: string;
}

/** The registry answered with an error other than "not found". */
export class SchemaRegistryError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'SchemaRegistryError';
  }
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * The parts of Confluent's schema registry REST API that the suite reads,
 * with a bounded time per call. The kafkajs registry client is for encoding
 * and decoding; it does not expose versions or compatibility levels.
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

  /** GET a path; `undefined` when the registry says 404. */
  private async get<T>(path: string): Promise<T | undefined> {
    let res: Response;
    try {
      res = await fetch(`${this.config.url}${path}`, {
        headers: this.headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Never echo the URL's credentials; the base URL is config, not secret.
      throw new SchemaRegistryError(
        `schema registry unreachable: ${(error as Error).message}`,
      );
    }
    if (res.status === 404) return undefined;
    if (!res.ok) {
      throw new SchemaRegistryError(
        `schema registry answered ${res.status} for ${path}`,
        res.status,
      );
    }
    return (await res.json()) as T;
  }

  async listSubjects(): Promise<string[]> {
    return (await this.get<string[]>('/subjects')) ?? [];
  }

  async latestVersion(subject: string): Promise<SubjectVersion | undefined> {
    const found = await this.get<SubjectVersion>(
      `/subjects/${encodeURIComponent(subject)}/versions/latest`,
    );
    return found && { ...found, schemaType: found.schemaType ?? 'AVRO' };
  }

  /** The subject's compatibility level, falling back to the global one. */
  async compatibility(subject: string): Promise<string | undefined> {
    const found = await this.get<{ compatibilityLevel?: string }>(
      `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`,
    );
    return found?.compatibilityLevel;
  }
}
