import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AccessRequest,
  AccessRequestStatus,
  dataMeshAccessManagePermission,
  parseIsoDuration,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { DataMeshAccessConfig } from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import { findProduct } from '../lib/findProduct';
import type { AccessNotifier, RequesterNews } from './AccessNotifier';
import type { AccessStore, AuditInput, RequestChange } from './AccessStore';
import { isApprovalRequired } from './approvalRequired';
import { grantAcls } from './grantAcls';
import { isClaimed, ownerRefOf } from './ownership';
import { resolvePrincipal } from './resolvePrincipal';
import { validateNewRequest } from './validateNewRequest';

/** Expired grants one run ends at most. */
export const EXPIRY_BATCH_SIZE = 50;
/**
 * How long a decision's response waits for its ACLs: long enough for a
 * healthy broker (the response then says `applied`), short enough that an
 * absent one does not hold the owner's click (the row says `applying` and
 * the worker goes on).
 */
export const DEFAULT_KICK_WAIT_MS = 2000;

export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
export type Decision = 'approve' | 'deny' | 'revoke';

export interface AccessServiceOptions {
  store: AccessStore;
  catalog: CatalogService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  config: DataMeshAccessConfig;
  notifier: AccessNotifier;
  /** Runs the ACL worker soon (it never rejects). */
  kick: () => Promise<void>;
  now?: () => Date;
  kickWaitMs?: number;
}

/** What each decision needs and does. */
const DECISIONS: Record<
  Decision,
  {
    from: AccessRequestStatus;
    to: AccessRequestStatus;
    action: 'approved' | 'denied' | 'revoked';
  }
> = {
  approve: { from: 'pending', to: 'approved', action: 'approved' },
  deny: { from: 'pending', to: 'denied', action: 'denied' },
  revoke: { from: 'approved', to: 'revoked', action: 'revoked' },
};

const plus = (at: Date, ms: number) =>
  new Date(at.getTime() + ms).toISOString();

/**
 * The access workflow: a team asks for read access to a product for one of
 * its Kafka principals; the product's owners approve or deny it (or it is
 * let in at once, when the product's classification needs no approval);
 * owners revoke, time expires. Each change is stored with its audit event;
 * the ACL worker then changes the broker.
 */
export class AccessService {
  private readonly now: () => Date;

  constructor(private readonly options: AccessServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * A new request for the product `namespace/name`, by a user for a
   * principal their team owns.
   *
   * @throws InputError, NotAllowedError, NotFoundError, ConflictError
   */
  async request(
    product: { namespace: string; name: string },
    body: unknown,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const { store, catalog, userInfo, config } = this.options;
    const valid = validateNewRequest(body, config);
    const { entity, ref } = await findProduct(
      catalog,
      credentials,
      product.namespace,
      product.name,
    );
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    const productOwner = ownerRefOf(entity);
    if (isClaimed(productOwner, ownershipEntityRefs)) {
      throw new InputError(
        `You own ${ref} (through ${productOwner}): your team needs no access request to read it`,
      );
    }
    const principal = await resolvePrincipal(
      catalog,
      credentials,
      valid.principal,
      ownershipEntityRefs,
    );
    const open = await store.findOpen(ref, principal.ref);
    if (open) {
      throw new ConflictError(
        `${principal.ref} already has a ${open.status} request for ${ref}: ${open.id}`,
      );
    }

    const now = this.now();
    const at = now.toISOString();
    const { cluster, topic } = entity.spec.output;
    const approvalRequired = isApprovalRequired(
      entity.spec.classification,
      config.approvalRequired,
    );
    const request: AccessRequest = {
      id: randomUUID(),
      product: ref,
      cluster,
      topic,
      principalRef: principal.ref,
      principal: principal.principal,
      groupPrefix: valid.groupPrefix,
      purpose: valid.purpose,
      duration: valid.duration,
      requestedBy: credentials.principal.userEntityRef,
      requestedAt: at,
      approvalRequired,
      status: 'pending',
      aclState: 'none',
      acls: grantAcls({
        topic,
        groupPrefix: valid.groupPrefix,
        principal: principal.principal,
      }),
    };
    const audit: AuditInput[] = [
      { at, actor: request.requestedBy, action: 'requested' },
    ];
    if (!approvalRequired) {
      Object.assign(request, {
        status: 'approved',
        decidedBy: 'system',
        decidedAt: at,
        expiresAt: plus(now, valid.durationMs),
        aclState: 'applying',
      });
      audit.push({ at, actor: 'system', action: 'auto-approved' });
    }
    await store.insert(request, audit);
    if (productOwner) {
      await this.options.notifier.requested(request, productOwner);
    }
    return approvalRequired ? request : this.afterKick(request);
  }

  /**
   * Approves, denies or revokes a request, as one of its product's owners.
   * Approving an approved request again returns it as it is.
   *
   * @throws NotFoundError, NotAllowedError, ConflictError (wrong status)
   */
  async decide(
    id: string,
    decision: Decision,
    note: string | undefined,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const { store } = this.options;
    const current = await store.get(id);
    if (!current) throw new NotFoundError(`No access request ${id}`);
    await this.assertMayDecide(current.product, credentials);

    const { from, to, action } = DECISIONS[decision];
    if (decision === 'approve' && current.status === 'approved') {
      return current;
    }
    if (current.status !== from) {
      throw new ConflictError(
        `Access request ${id} is ${current.status}; only ${from} requests can be ${action}`,
      );
    }
    const now = this.now();
    const at = now.toISOString();
    const change: RequestChange = { status: to };
    if (decision === 'revoke') {
      change.aclState = 'removing';
    } else {
      Object.assign(change, {
        decidedBy: credentials.principal.userEntityRef,
        decidedAt: at,
        decisionNote: note,
      });
    }
    if (decision === 'approve') {
      change.expiresAt = plus(now, this.durationMs(current));
      change.aclState = 'applying';
    }
    const changed = await store.transition(id, [from], change, {
      at,
      actor: credentials.principal.userEntityRef,
      action,
      note,
    });
    if (!changed) {
      // Someone else decided in between.
      const latest = await store.get(id);
      if (decision === 'approve' && latest?.status === 'approved') {
        return latest;
      }
      throw new ConflictError(
        `Access request ${id} is ${latest?.status}; only ${from} requests can be ${action}`,
      );
    }
    await this.options.notifier.changed(changed, action as RequesterNews, note);
    return decision === 'deny' ? changed : this.afterKick(changed);
  }

  /** Whether the caller may approve, deny and revoke access to a product. */
  async mayDecide(
    productRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return (await this.mayDecideAll([productRef], credentials)).has(productRef);
  }

  /** The products among `productRefs` the caller may decide on, in one call. */
  async mayDecideAll(
    productRefs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const refs = [...new Set(productRefs)];
    if (refs.length === 0) return new Set();
    const decisions = await this.options.permissions.authorize(
      refs.map(resourceRef => ({
        permission: dataMeshAccessManagePermission,
        resourceRef,
      })),
      { credentials },
    );
    return new Set(
      refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  /**
   * Ends the approved grants whose time ran out: `expired`, ACLs to be
   * removed, audited as the system's doing. Bounded per run.
   */
  async expireDue(limit = EXPIRY_BATCH_SIZE): Promise<number> {
    const { store } = this.options;
    const at = this.now().toISOString();
    let expired = 0;
    for (const due of await store.dueForExpiry(at, limit)) {
      const changed = await store.transition(
        due.id,
        ['approved'],
        { status: 'expired', aclState: 'removing' },
        { at, actor: 'system', action: 'expired' },
      );
      if (changed) {
        expired += 1;
        await this.options.notifier.changed(changed, 'expired');
      }
    }
    return expired;
  }

  private async assertMayDecide(
    productRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.mayDecide(productRef, credentials))) {
      throw new NotAllowedError(
        `Only the owners of ${productRef} (or a data mesh admin) may decide on access to it (permission ${dataMeshAccessManagePermission.name})`,
      );
    }
  }

  private durationMs(request: AccessRequest): number {
    // Validated when requested; should the maximum have been lowered
    // since, the approval follows the configuration of today.
    return Math.min(
      parseIsoDuration(request.duration),
      this.options.config.maxDurationMs,
    );
  }

  /** Gives the worker a short while, then answers with the row as it is. */
  private async afterKick(request: AccessRequest): Promise<AccessRequest> {
    const wait = this.options.kickWaitMs ?? DEFAULT_KICK_WAIT_MS;
    const kicked = this.options.kick();
    if (wait > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        kicked,
        new Promise<void>(resolve => {
          timer = setTimeout(resolve, wait);
        }),
      ]);
      clearTimeout(timer);
    }
    return (await this.options.store.get(request.id)) ?? request;
  }
}
