import type { DataClassification } from '../entity/types';

// The access workflow's REST API (`/api/data-mesh`), shared by the backend
// that serves it and the frontend that reads it:
//
//   GET  /products/:namespace/:name/access            → ProductAccessResponse
//   POST /products/:namespace/:name/access-requests   (NewAccessRequest) → AccessRequest, 201
//   GET  /access-requests?status=pending&scope=owned  → AccessRequestList (what the caller may decide)
//   GET  /access-requests?scope=mine                  → AccessRequestList (what the caller asked for)
//   POST /access-requests/:id/approve|deny|revoke     (AccessDecision) → AccessRequest

/**
 * `spec.type` of the catalog Resource entities that stand for Kafka
 * principals (service accounts). Their `spec.owner` is the team that may
 * ask for access on their behalf.
 *
 * @public
 */
export const KAFKA_PRINCIPAL_RESOURCE_TYPE = 'kafka-principal';

/**
 * Annotation on a kafka-principal Resource naming the principal as the
 * broker knows it, e.g. `User:orders-app`. Without it, `User:<metadata.name>`.
 *
 * @public
 */
export const ANNOTATION_KAFKA_PRINCIPAL = 'kafka-mesh.io/kafka-principal';

/**
 * Where a request is: `pending` (waits for an owner), `approved` (granted;
 * its ACLs exist or are being created), `denied`, `revoked` (by an owner),
 * `expired` (its duration ran out).
 *
 * @public
 */
export type AccessRequestStatus =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'revoked'
  | 'expired';

/**
 * Where a request's ACLs are on the broker. `applying` and `removing` are
 * retried until the broker takes them; nothing is lost while it is away.
 *
 * @public
 */
export type AccessAclState = 'none' | 'applying' | 'applied' | 'removing' | 'removed';

/**
 * One Kafka ACL, in the words of the admin API.
 *
 * @public
 */
export interface KafkaAcl {
  resourceType: 'topic' | 'group' | 'cluster';
  resourceName: string;
  patternType: 'literal' | 'prefixed';
  /** e.g. `User:orders-app` */
  principal: string;
  host: string;
  operation: 'read' | 'write' | 'describe' | 'all' | string;
  permission: 'allow' | 'deny';
}

/**
 * `POST /products/:namespace/:name/access-requests`
 *
 * @public
 */
export interface NewAccessRequest {
  /** Entity ref of a kafka-principal Resource the requester's team owns. */
  principal: string;
  /** Consumer groups the principal may use: every group starting with it. */
  groupPrefix: string;
  purpose: string;
  /** ISO 8601 duration, e.g. `P30D`; at most the configured maximum. */
  duration: string;
}

/**
 * `POST /access-requests/:id/approve|deny|revoke`
 *
 * @public
 */
export interface AccessDecision {
  note?: string;
}

/**
 * A request for read access to a product, with its decision and grant.
 *
 * @public
 */
export interface AccessRequest {
  id: string;
  /** Entity ref of the DataProduct. */
  product: string;
  cluster: string;
  topic: string;
  /** Entity ref of the kafka-principal Resource. */
  principalRef: string;
  /** The principal as the broker knows it, e.g. `User:orders-app`. */
  principal: string;
  groupPrefix: string;
  purpose: string;
  duration: string;
  requestedBy: string;
  requestedAt: string;
  /** False when the product's classification lets the request in at once. */
  approvalRequired: boolean;
  status: AccessRequestStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
  /** Set when approved: approval time plus the duration. */
  expiresAt?: string;
  aclState: AccessAclState;
  /** The ACLs this grant creates (and deletes when it ends). */
  acls: KafkaAcl[];
  /** Why the last attempt to change the ACLs failed (the broker away). */
  aclError?: string;
}

/**
 * One audited change of a request: who, when, what, which ACLs.
 *
 * @public
 */
export interface AccessAuditEvent {
  requestId: string;
  at: string;
  /** A user ref, or `system` for expiry and the ACL worker. */
  actor: string;
  action:
    | 'requested'
    | 'approved'
    | 'auto-approved'
    | 'denied'
    | 'revoked'
    | 'expired'
    | 'acls-created'
    | 'acls-deleted';
  note?: string;
  acls?: KafkaAcl[];
}

/**
 * A difference between the grants and the broker's ACLs on the product.
 * `unrequested`: an ACL no active grant asked for; `missing`: an active
 * grant whose ACL is not on the broker.
 *
 * @public
 */
export interface AccessDrift {
  kind: 'unrequested' | 'missing';
  acl: KafkaAcl;
  requestId?: string;
}

/**
 * `GET /products/:namespace/:name/access`
 *
 * @public
 */
export interface ProductAccessResponse {
  product: string;
  classification?: DataClassification;
  approvalRequired: boolean;
  /** The broker's read ACLs on the product's topic and its grants' groups. */
  acls: KafkaAcl[];
  /** Set when the broker could not be asked; `acls` and `drift` are then empty. */
  aclsUnavailable?: string;
  drift: AccessDrift[];
  pending: AccessRequest[];
  /** Approved requests whose grant has not ended. */
  grants: AccessRequest[];
  /** Newest first, bounded. */
  history: AccessAuditEvent[];
  /** Whether the caller may approve, deny and revoke here. */
  canDecide: boolean;
}

/**
 * `GET /access-requests`
 *
 * @public
 */
export interface AccessRequestList {
  items: AccessRequest[];
}
