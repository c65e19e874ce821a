import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AccessDecision,
  AccessRequest,
  AccessRequestList,
  CandidateStreamsResponse,
  GovernanceRulesResponse,
  NewAccessRequest,
  ProductAccessResponse,
  ProductConsumersResponse,
  ProductHealthResponse,
  ProductSamplesResponse,
  ProductsFreshnessRequest,
  ProductsFreshnessResponse,
  ProductQualityResponse,
  ProductsQualityStatusResponse,
  FailingProductsResponse,
  SchemaDiffResponse,
  SchemaVersionResponse,
  SchemaVersionsResponse,
  SyntheticRecordsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import type {
  AccessDecisionAction,
  AccessRequestsQuery,
  DataMeshApi,
  DataProductId,
} from './DataMeshApi';

/**
 * The largest sample size the backend serves.
 *
 * @public
 */
export const MAX_SAMPLES = 50;

/**
 * {@link DataMeshApi} over HTTP, resolving the backend with the discovery
 * API and sending requests through the fetch API (which adds the user's
 * token).
 *
 * @public
 */
export class DataMeshClient implements DataMeshApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getSchemaVersions(product: DataProductId): Promise<SchemaVersionsResponse> {
    return this.get(product, '/schema/versions');
  }

  getSchemaVersion(
    product: DataProductId,
    version: number | 'latest',
  ): Promise<SchemaVersionResponse> {
    return this.get(
      product,
      `/schema/versions/${encodeURIComponent(String(version))}`,
    );
  }

  getSchemaDiff(
    product: DataProductId,
    from: number,
    to: number,
  ): Promise<SchemaDiffResponse> {
    const query = new URLSearchParams({ from: String(from), to: String(to) });
    return this.get(product, `/schema/diff?${query}`);
  }

  getHealth(product: DataProductId): Promise<ProductHealthResponse> {
    return this.get(product, '/health');
  }

  async getProductsFreshness(
    entityRefs: string[],
  ): Promise<ProductsFreshnessResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    const body: ProductsFreshnessRequest = { entityRefs };
    return this.fetchJson(`${baseUrl}/freshness`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getQuality(
    product: DataProductId,
    options?: { since?: string },
  ): Promise<ProductQualityResponse> {
    const query = options?.since
      ? `?${new URLSearchParams({ since: options.since })}`
      : '';
    return this.get(product, `/quality${query}`);
  }

  async getProductsQualityStatus(
    entityRefs: string[],
  ): Promise<ProductsQualityStatusResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    return this.fetchJson(`${baseUrl}/quality-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs }),
    });
  }

  async getFailingProducts(): Promise<FailingProductsResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    return this.fetchJson(`${baseUrl}/quality-status/failing`);
  }

  getConsumers(product: DataProductId): Promise<ProductConsumersResponse> {
    return this.get(product, '/consumers');
  }

  getSamples(
    product: DataProductId,
    options?: { limit?: number },
  ): Promise<ProductSamplesResponse> {
    const limit = Math.max(
      1,
      Math.min(MAX_SAMPLES, Math.floor(options?.limit ?? 10)),
    );
    return this.get(product, `/samples?limit=${limit}`);
  }

  async getCandidateStreams(): Promise<CandidateStreamsResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('catalog');
    return this.fetchJson(`${baseUrl}/data-mesh/candidate-streams`);
  }

  getSyntheticRecords(
    product: DataProductId,
    options?: { count?: number },
  ): Promise<SyntheticRecordsResponse> {
    const count = Math.max(1, Math.floor(options?.count ?? 20));
    return this.get(product, `/synthetic?count=${count}`);
  }

  async getGovernanceRules(): Promise<GovernanceRulesResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    return this.fetchJson(`${baseUrl}/governance`);
  }

  getProductAccess(product: DataProductId): Promise<ProductAccessResponse> {
    return this.get(product, '/access');
  }

  async requestAccess(
    product: DataProductId,
    request: NewAccessRequest,
  ): Promise<AccessRequest> {
    return this.fetchJson(
      await this.productUrl(product, '/access-requests'),
      this.jsonBody(request),
    );
  }

  async listAccessRequests(
    query: AccessRequestsQuery = {},
  ): Promise<AccessRequestList> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.scope) params.set('scope', query.scope);
    const search = params.toString();
    return this.fetchJson(
      `${baseUrl}/access-requests${search ? `?${search}` : ''}`,
    );
  }

  async decideAccess(
    id: string,
    action: AccessDecisionAction,
    decision: AccessDecision = {},
  ): Promise<AccessRequest> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    return this.fetchJson(
      `${baseUrl}/access-requests/${encodeURIComponent(
        id,
      )}/${encodeURIComponent(action)}`,
      this.jsonBody(decision),
    );
  }

  private async get<T>(product: DataProductId, route: string): Promise<T> {
    return this.fetchJson(await this.productUrl(product, route));
  }

  private async productUrl(
    product: DataProductId,
    route: string,
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    return `${baseUrl}/products/${encodeURIComponent(
      product.namespace,
    )}/${encodeURIComponent(product.name)}${route}`;
  }

  private jsonBody(body: unknown) {
    return {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  private async fetchJson<T>(
    url: string,
    init: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    } = {},
  ): Promise<T> {
    const response = await this.fetchApi.fetch(url, {
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
