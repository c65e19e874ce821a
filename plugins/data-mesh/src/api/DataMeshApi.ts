import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AccessDecision,
  AccessRequest,
  AccessRequestList,
  AccessRequestStatus,
  CandidateStreamsResponse,
  GovernanceRulesResponse,
  NewAccessRequest,
  ProductAccessResponse,
  ProductConsumersResponse,
  ProductHealthResponse,
  ProductSamplesResponse,
  ProductsFreshnessResponse,
  ProductQualityResponse,
  ProductsQualityStatusResponse,
  FailingProductsResponse,
  SchemaDiffResponse,
  SchemaVersionResponse,
  SchemaVersionsResponse,
  SyntheticRecordsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * Identifies a data product: its catalog namespace and name.
 *
 * @public
 */
export type DataProductId = {
  namespace: string;
  name: string;
};

/**
 * Which access requests to list: those the caller may decide (`owned`) or
 * those the caller asked for (`mine`), optionally of one status.
 *
 * @public
 */
export type AccessRequestsQuery = {
  scope?: 'owned' | 'mine';
  status?: AccessRequestStatus;
};

/**
 * What an owner does with an access request: approve or deny a pending one,
 * revoke a granted one.
 *
 * @public
 */
export type AccessDecisionAction = 'approve' | 'deny' | 'revoke';

/**
 * Client for the data mesh backend (`/api/data-mesh`) and the data mesh
 * routes of the catalog (`/api/catalog/data-mesh`). Every method throws a
 * `ResponseError` (from `@backstage/errors`) on a non-2xx answer.
 *
 * @public
 */
export interface DataMeshApi {
  /** `GET /products/:namespace/:name/schema/versions` */
  getSchemaVersions(product: DataProductId): Promise<SchemaVersionsResponse>;
  /** `GET /products/:namespace/:name/schema/versions/:version` */
  getSchemaVersion(
    product: DataProductId,
    version: number | 'latest',
  ): Promise<SchemaVersionResponse>;
  /** `GET /products/:namespace/:name/schema/diff?from=&to=` */
  getSchemaDiff(
    product: DataProductId,
    from: number,
    to: number,
  ): Promise<SchemaDiffResponse>;
  /** `GET /products/:namespace/:name/health` */
  getHealth(product: DataProductId): Promise<ProductHealthResponse>;
  /**
   * `POST /freshness`: the live freshness of many products in one request,
   * keyed by the given refs (at most `MAX_FRESHNESS_ENTITY_REFS`); products
   * the user may not see are left out.
   */
  getProductsFreshness(
    entityRefs: string[],
  ): Promise<ProductsFreshnessResponse>;
  /**
   * `GET /products/:namespace/:name/quality?since=`: the contract
   * monitor's history of each quality rule (since an ISO time or an ISO
   * duration back from now; default the whole retention).
   */
  getQuality(
    product: DataProductId,
    options?: { since?: string },
  ): Promise<ProductQualityResponse>;
  /**
   * `POST /quality-status`: ok, failing or unknown for many products in one
   * request (at most `MAX_FRESHNESS_ENTITY_REFS`).
   */
  getProductsQualityStatus(
    entityRefs: string[],
  ): Promise<ProductsQualityStatusResponse>;
  /**
   * `GET /quality-status/failing`: the products whose newest check of some
   * rule failed (at most `MAX_FAILING_PRODUCTS`).
   */
  getFailingProducts(): Promise<FailingProductsResponse>;
  /** `GET /products/:namespace/:name/consumers` */
  getConsumers(product: DataProductId): Promise<ProductConsumersResponse>;
  /** `GET /products/:namespace/:name/samples?limit=N` (N ≤ 50) */
  getSamples(
    product: DataProductId,
    options?: { limit?: number },
  ): Promise<ProductSamplesResponse>;
  /**
   * `GET /api/catalog/data-mesh/candidate-streams`, served by the catalog
   * module: topics with a registered schema that are not yet products.
   */
  getCandidateStreams(): Promise<CandidateStreamsResponse>;
  /**
   * `GET /products/:namespace/:name/synthetic?count=N` (default 20): made-up
   * records following the product's latest schema, for consumers to test
   * against without reading real (and possibly personal) data.
   */
  getSyntheticRecords(
    product: DataProductId,
    options?: { count?: number },
  ): Promise<SyntheticRecordsResponse>;
  /** `GET /governance`: the organisation's publishing rules, defaults applied. */
  getGovernanceRules(): Promise<GovernanceRulesResponse>;
  /**
   * `GET /products/:namespace/:name/access`: who can read the product (the
   * broker's ACLs and their drift from the grants), pending requests,
   * grants, history and whether the caller may decide.
   */
  getProductAccess(product: DataProductId): Promise<ProductAccessResponse>;
  /**
   * `POST /products/:namespace/:name/access-requests`: asks for read access
   * for a Kafka principal the caller's team owns. The answer is `approved`
   * at once when the product's classification needs no approval.
   */
  requestAccess(
    product: DataProductId,
    request: NewAccessRequest,
  ): Promise<AccessRequest>;
  /** `GET /access-requests?scope=&status=` */
  listAccessRequests(query?: AccessRequestsQuery): Promise<AccessRequestList>;
  /** `POST /access-requests/:id/approve|deny|revoke` */
  decideAccess(
    id: string,
    action: AccessDecisionAction,
    decision?: AccessDecision,
  ): Promise<AccessRequest>;
}

/** @public */
export const dataMeshApiRef = createApiRef<DataMeshApi>().with({
  id: 'plugin.data-mesh.service',
  pluginId: 'data-mesh',
});
