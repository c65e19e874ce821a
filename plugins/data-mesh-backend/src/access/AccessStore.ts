import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  AccessAclState,
  AccessAuditEvent,
  AccessRequest,
  AccessRequestStatus,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { Knex } from 'knex';

const REQUESTS = 'access_requests';
const AUDIT = 'access_audit_events';

/** Statuses that block a second request for the same product and principal. */
const OPEN: readonly AccessRequestStatus[] = ['pending', 'approved'];

/** An audit event as written with a change; the store adds the request id. */
export type AuditInput = Omit<AccessAuditEvent, 'requestId'>;

/** The fields a decision, an expiry or the ACL worker may change. */
export type RequestChange = Partial<
  Pick<
    AccessRequest,
    | 'status'
    | 'decidedBy'
    | 'decidedAt'
    | 'decisionNote'
    | 'expiresAt'
    | 'aclState'
  >
>;

/** A row the ACL worker holds until `lease` (its token for the row). */
export interface ClaimedWork {
  request: AccessRequest;
  lease: string;
}

export function migrationsDir(): string {
  return resolvePackagePath(
    '@kafka-mesh/plugin-data-mesh-backend',
    'migrations',
  );
}

/** Whether an insert broke a unique index, on SQLite and on PostgreSQL. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const openKeyOf = (product: string, principalRef: string) =>
  `${product}\n${principalRef}`;

const orUndefined = <T>(value: T | null | undefined): T | undefined =>
  value === null || value === undefined ? undefined : value;

function toRequest(row: any): AccessRequest {
  return {
    id: row.id,
    product: row.product,
    cluster: row.cluster,
    topic: row.topic,
    principalRef: row.principal_ref,
    principal: row.principal,
    groupPrefix: row.group_prefix,
    purpose: row.purpose,
    duration: row.duration,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    // SQLite answers 0/1, PostgreSQL true/false.
    approvalRequired: Boolean(row.approval_required),
    status: row.status,
    decidedBy: orUndefined(row.decided_by),
    decidedAt: orUndefined(row.decided_at),
    decisionNote: orUndefined(row.decision_note),
    expiresAt: orUndefined(row.expires_at),
    aclState: row.acl_state,
    acls: JSON.parse(row.acls) as KafkaAcl[],
    aclError: orUndefined(row.acl_error),
  };
}

function changeColumns(change: RequestChange): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  const map: Record<keyof RequestChange, string> = {
    status: 'status',
    decidedBy: 'decided_by',
    decidedAt: 'decided_at',
    decisionNote: 'decision_note',
    expiresAt: 'expires_at',
    aclState: 'acl_state',
  };
  for (const [key, column] of Object.entries(map)) {
    const value = change[key as keyof RequestChange];
    if (value !== undefined) columns[column] = value;
  }
  // A request that ends frees its product and principal for a new one.
  if (change.status && !OPEN.includes(change.status)) columns.open_key = null;
  return columns;
}

function toAuditRow(request: { id: string; product: string }, e: AuditInput) {
  return {
    request_id: request.id,
    product: request.product,
    at: e.at,
    actor: e.actor,
    action: e.action,
    note: e.note ?? null,
    acls: e.acls ? JSON.stringify(e.acls) : null,
  };
}

function toAudit(row: any): AccessAuditEvent {
  return {
    requestId: row.request_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    note: orUndefined(row.note),
    acls: row.acls ? (JSON.parse(row.acls) as KafkaAcl[]) : undefined,
  };
}

/**
 * Access requests and their audit events, in the plugin's database. Every
 * change of a request is a conditional update (on the state it expects)
 * written in one transaction with its audit event, so that two replicas
 * (or two owners clicking at once) cannot both make the same change, and
 * no change goes unaudited. Plain knex, nothing dialect-specific: runs on
 * SQLite and PostgreSQL.
 */
export class AccessStore {
  static async create(options: {
    database: DatabaseService;
    logger?: LoggerService;
  }): Promise<AccessStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir() });
    }
    return new AccessStore(db);
  }

  constructor(private readonly db: Knex) {}

  /**
   * Stores a new request with its first audit events.
   *
   * @throws ConflictError naming the open request for the same product and
   *   principal (one that arrived at the same moment included)
   */
  async insert(request: AccessRequest, audit: AuditInput[]): Promise<void> {
    try {
      await this.db.transaction(async tx => {
        await tx(REQUESTS).insert({
          id: request.id,
          product: request.product,
          cluster: request.cluster,
          topic: request.topic,
          principal_ref: request.principalRef,
          principal: request.principal,
          group_prefix: request.groupPrefix,
          purpose: request.purpose,
          duration: request.duration,
          requested_by: request.requestedBy,
          requested_at: request.requestedAt,
          approval_required: request.approvalRequired,
          status: request.status,
          decided_by: request.decidedBy ?? null,
          decided_at: request.decidedAt ?? null,
          decision_note: request.decisionNote ?? null,
          expires_at: request.expiresAt ?? null,
          acl_state: request.aclState,
          acls: JSON.stringify(request.acls),
          acl_error: null,
          acl_lease_until: null,
          open_key: OPEN.includes(request.status)
            ? openKeyOf(request.product, request.principalRef)
            : null,
        });
        if (audit.length > 0) {
          await tx(AUDIT).insert(audit.map(e => toAuditRow(request, e)));
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const open = await this.findOpen(request.product, request.principalRef);
      throw new ConflictError(
        `There is already an open request${open ? ` (${open.id})` : ''} for ${
          request.principalRef
        } on ${request.product}`,
        error,
      );
    }
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    const row = await this.db(REQUESTS).where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  /** The pending or approved request of a principal for a product. */
  async findOpen(
    product: string,
    principalRef: string,
  ): Promise<AccessRequest | undefined> {
    const row = await this.db(REQUESTS)
      .where({ open_key: openKeyOf(product, principalRef) })
      .first();
    return row ? toRequest(row) : undefined;
  }

  /** Requests of a product in the given statuses, oldest first. */
  async listForProduct(
    product: string,
    statuses: readonly AccessRequestStatus[],
    limit: number,
  ): Promise<AccessRequest[]> {
    const rows = await this.db(REQUESTS)
      .where({ product })
      .whereIn('status', statuses)
      .orderBy([{ column: 'requested_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toRequest);
  }

  /**
   * A product's ended grants whose ACLs are still being deleted (revoked
   * or expired, `removing`): their ACLs are on the broker for a moment
   * yet, and are no one's drift.
   */
  async listRemovingForProduct(
    product: string,
    limit: number,
  ): Promise<AccessRequest[]> {
    const rows = await this.db(REQUESTS)
      .where({ product, acl_state: 'removing' })
      .orderBy([{ column: 'requested_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toRequest);
  }

  /** Requests in a status across all products, oldest first. */
  async listByStatus(
    status: AccessRequestStatus,
    limit: number,
  ): Promise<AccessRequest[]> {
    const rows = await this.db(REQUESTS)
      .where({ status })
      .orderBy([{ column: 'requested_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toRequest);
  }

  /** What a user asked for, newest first. */
  async listRequestedBy(
    userRef: string,
    status: AccessRequestStatus | undefined,
    limit: number,
  ): Promise<AccessRequest[]> {
    const query = this.db(REQUESTS).where({ requested_by: userRef });
    if (status) query.andWhere({ status });
    const rows = await query
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toRequest);
  }

  /** A product's audit events, newest first. */
  async history(product: string, limit: number): Promise<AccessAuditEvent[]> {
    const rows = await this.db(AUDIT)
      .where({ product })
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toAudit);
  }

  /** One request's audit events, oldest first. */
  async auditOf(requestId: string): Promise<AccessAuditEvent[]> {
    const rows = await this.db(AUDIT)
      .where({ request_id: requestId })
      .orderBy('id');
    return rows.map(toAudit);
  }

  /**
   * Changes a request if it is still in one of the expected statuses, and
   * audits the change in the same transaction.
   *
   * @returns the changed request, or undefined when it was not in an
   *   expected status (someone else changed it first)
   */
  async transition(
    id: string,
    from: readonly AccessRequestStatus[],
    change: RequestChange,
    audit: AuditInput,
  ): Promise<AccessRequest | undefined> {
    return this.db.transaction(async tx => {
      const updated = await tx(REQUESTS)
        .where({ id })
        .whereIn('status', from)
        .update(changeColumns(change));
      if (updated !== 1) return undefined;
      const row = await tx(REQUESTS).where({ id }).first();
      await tx(AUDIT).insert(toAuditRow(row, audit));
      return toRequest(row);
    });
  }

  /** Approved requests whose grant ended before `now`, oldest first. */
  async dueForExpiry(now: string, limit: number): Promise<AccessRequest[]> {
    const rows = await this.db(REQUESTS)
      .where({ status: 'approved' })
      .andWhere('expires_at', '<', now)
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(toRequest);
  }

  /**
   * Takes up to `limit` rows whose ACLs must change and that no worker
   * holds (or whose holder's lease ran out), each with a conditional
   * update: of two workers that see the same row, one gets it.
   */
  async claimAclWork(
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<ClaimedWork[]> {
    const free = (query: Knex.QueryBuilder) =>
      query.where(q =>
        q.whereNull('acl_lease_until').orWhere('acl_lease_until', '<', now),
      );
    const candidates = await free(
      this.db(REQUESTS).whereIn('acl_state', ['applying', 'removing']),
    )
      .orderBy([{ column: 'requested_at' }, { column: 'id' }])
      .limit(limit);
    const claimed: ClaimedWork[] = [];
    for (const row of candidates) {
      const taken = await free(
        this.db(REQUESTS).where({ id: row.id, acl_state: row.acl_state }),
      ).update({ acl_lease_until: leaseUntil });
      if (taken === 1) {
        claimed.push({
          request: toRequest({ ...row, acl_lease_until: leaseUntil }),
          lease: leaseUntil,
        });
      }
    }
    return claimed;
  }

  /**
   * Records that a claimed row's ACLs are done (`applying` → `applied`,
   * `removing` → `removed`) with its audit event, if the row is still in
   * `from` and still held with `lease`. Otherwise (a revoke arrived while
   * the ACLs were being created) the lease is given up, so that the next
   * run takes the row in its new state.
   *
   * @returns whether the row was changed
   */
  async finishAclWork(
    id: string,
    lease: string,
    from: AccessAclState,
    to: AccessAclState,
    audit: AuditInput,
  ): Promise<boolean> {
    const done = await this.db.transaction(async tx => {
      const updated = await tx(REQUESTS)
        .where({ id, acl_state: from, acl_lease_until: lease })
        .update({ acl_state: to, acl_error: null, acl_lease_until: null });
      if (updated !== 1) return false;
      const row = await tx(REQUESTS).where({ id }).first();
      await tx(AUDIT).insert(toAuditRow(row, audit));
      return true;
    });
    if (!done) await this.release(id, lease);
    return done;
  }

  /**
   * Keeps a claimed row as it is with the reason its ACLs could not be
   * changed, and gives it up for the next run to retry.
   */
  async failAclWork(id: string, lease: string, error: string): Promise<void> {
    await this.db(REQUESTS)
      .where({ id, acl_lease_until: lease })
      .update({ acl_error: error, acl_lease_until: null });
  }

  private async release(id: string, lease: string): Promise<void> {
    await this.db(REQUESTS)
      .where({ id, acl_lease_until: lease })
      .update({ acl_lease_until: null });
  }
}
