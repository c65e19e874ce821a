import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  DeprecateProductResponse,
  parseProductId,
  productIdOf,
  ProductConsumersResponse,
  PublishProductResponse,
  UnpublishProductResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { CliError } from './CliError';

// The portal backend's REST API, the one way the CLI changes products: the
// backend runs the publish barrier and the ownership checks with the
// caller's token (plugins/data-mesh-backend/src/service/productWriteRouter.ts).

/** Where the backend is, when `--backend` is not given. */
export const BACKEND_URL_ENV = 'BACKSTAGE_BACKEND_URL';
/** The caller's Backstage token, when `--token` is not given. */
export const TOKEN_ENV = 'BACKSTAGE_TOKEN';

/** A publish or unpublish can wait on Kafka and the registry; not forever. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Answers about the product itself (the barrier's problems 400, not an
 * owner 403, topic taken or still consumed 409): another product of the
 * same run may still pass. Anything else (401, 404, 429, 5xx) would fail
 * every request alike and stops the run.
 */
const REFUSAL_STATUSES = [400, 403, 409];

/** The backend refused a change, in its own words (which name the reason). */
export class PortalRefusal extends CliError {
  constructor(readonly status: number, readonly reason: string) {
    super(reason.split('\n'));
    this.name = 'PortalRefusal';
  }
}

export interface PortalClientOptions {
  /** The backend's base URL, e.g. http://localhost:7007, without a trailing slash. */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

export interface WriteFlags {
  /** The backend checks everything and writes nothing. */
  dryRun?: boolean;
}

export interface PublishFlags extends WriteFlags {
  /** Publish even where the SLA promises more than the inputs give. */
  acknowledgeSlaAboveInputs?: boolean;
}

export interface DeprecateBody {
  /** The last day the product is served, YYYY-MM-DD. */
  sunset: string;
  reason: string;
  /** The product to move to. */
  replacement?: string;
}

interface RequestOptions {
  query?: Record<string, boolean | undefined>;
  body?: unknown;
  /** Answer undefined for a 404 instead of failing (catalog reads). */
  notFoundIsUndefined?: boolean;
}

function productPath(id: string): string {
  const { namespace, name } = parseProductId(id);
  return `/api/data-mesh/products/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/** Backstage's error body: `{ error: { name, message }, response: { statusCode } }`. */
function backstageErrorOf(body: unknown): { name: string; message: string } {
  const error = (body as { error?: { name?: unknown; message?: unknown } })
    ?.error;
  return {
    name: typeof error?.name === 'string' ? error.name : '',
    message: typeof error?.message === 'string' ? error.message : '',
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Why fetch failed, e.g. ECONNREFUSED; undici hides it in `cause`. */
function transportReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return cause?.code ?? cause?.message ?? String((error as Error)?.message);
}

/**
 * The calls the CLI makes to the portal backend. Every error names what
 * went wrong without the token: it is sent in the Authorization header only
 * and kept in a private field, so that no message or dump can show it.
 */
export class PortalClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: PortalClientOptions) {
    this.baseUrl = options.baseUrl;
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** `PUT /products/:ns/:name`: publishes (or, with dryRun, checks) a descriptor. */
  async publish(
    entity: DataProductEntity,
    flags: PublishFlags = {},
  ): Promise<PublishProductResponse> {
    return (await this.#request<PublishProductResponse>(
      'PUT',
      productPath(productIdOf(entity)),
      {
        query: {
          dryRun: flags.dryRun,
          acknowledgeSlaAboveInputs: flags.acknowledgeSlaAboveInputs,
        },
        body: entity,
      },
    ))!;
  }

  /** `POST /products/:ns/:name/deprecate`. */
  async deprecate(
    id: string,
    body: DeprecateBody,
    flags: WriteFlags = {},
  ): Promise<DeprecateProductResponse> {
    return (await this.#request<DeprecateProductResponse>(
      'POST',
      `${productPath(id)}/deprecate`,
      { query: { dryRun: flags.dryRun }, body },
    ))!;
  }

  /** `DELETE /products/:ns/:name`. */
  async unpublish(
    id: string,
    flags: WriteFlags = {},
  ): Promise<UnpublishProductResponse> {
    return (await this.#request<UnpublishProductResponse>(
      'DELETE',
      productPath(id),
      { query: { dryRun: flags.dryRun } },
    ))!;
  }

  /** The product as the catalog holds it now, or undefined. */
  async catalogProduct(id: string): Promise<DataProductEntity | undefined> {
    const { namespace, name } = parseProductId(id);
    return this.#request<DataProductEntity>(
      'GET',
      `/api/catalog/entities/by-name/${DATA_PRODUCT_KIND.toLocaleLowerCase(
        'en-US',
      )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
      { notFoundIsUndefined: true },
    );
  }

  /** `GET /products/:ns/:name/consumers`: the consumer groups of the product's topic. */
  async consumers(id: string): Promise<ProductConsumersResponse> {
    return (await this.#request<ProductConsumersResponse>(
      'GET',
      `${productPath(id)}/consumers`,
    ))!;
  }

  async #request<T>(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    { query = {}, body, notFoundIsUndefined }: RequestOptions = {},
  ): Promise<T | undefined> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) search.set(key, 'true');
    }
    const url = `${this.baseUrl}${path}${
      search.toString() ? `?${search}` : ''
    }`;
    const what = `${method} ${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.#token}`,
          Accept: 'application/json',
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would resend the token and the body somewhere the
        // user did not name; they should name it.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError') {
        throw new CliError(
          `the portal backend at ${
            this.baseUrl
          } did not answer ${what} within ${this.#timeoutMs / 1000} s`,
        );
      }
      throw new CliError(
        `cannot reach the portal backend at ${this.baseUrl}: ${transportReason(
          error,
        )}; is it running, and is that its address? (--backend or ${BACKEND_URL_ENV})`,
      );
    }
    const text = await res.text();
    const json = parseJson(text);
    if (res.ok) {
      if (json === undefined) {
        throw new CliError(
          `the portal backend at ${this.baseUrl} answered ${what} with something other than JSON; is that the backend's address (not the frontend's)?`,
        );
      }
      return json as T;
    }
    if (res.status === 404 && notFoundIsUndefined) return undefined;
    throw this.#failure(res, what, backstageErrorOf(json));
  }

  #failure(
    res: Response,
    what: string,
    error: { name: string; message: string },
  ): CliError {
    const { status } = res;
    const at = `the portal backend at ${this.baseUrl}`;
    if (REFUSAL_STATUSES.includes(status) && error.message) {
      return new PortalRefusal(status, error.message);
    }
    const reason = error.message || `${status} ${res.statusText}`.trim();
    if (status === 401) {
      return new CliError(
        `${at} did not accept the token (${reason}); pass a valid one with --token or ${TOKEN_ENV}`,
      );
    }
    if (status >= 300 && status < 400) {
      return new CliError(
        `${at} redirects ${what} to ${
          res.headers.get('location') ?? 'another address'
        }; pass the address it redirects to as --backend`,
      );
    }
    if (status === 404) {
      return new CliError(
        `${at} has no ${what} (404); is that the backend's address (not the frontend's), with the data mesh plugin?`,
      );
    }
    const retryAfter = res.headers.get('retry-after');
    return new CliError(
      `${at} could not do ${what}: ${reason} (${status}${
        retryAfter ? `; try again in ${retryAfter} s` : ''
      })`,
    );
  }
}
