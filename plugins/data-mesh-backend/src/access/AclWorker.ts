import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import { KafkaUnavailableError } from '@kafka-mesh/plugin-data-mesh-node';
import { redact } from '../lib/upstream';
import type { AclPort } from './aclPort';
import type { AccessStore } from './AccessStore';

/** Rows one run takes at most, so that a backlog cannot make a run unbounded. */
export const ACL_BATCH_SIZE = 50;
/**
 * How long a worker holds a row. Longer than a run may take (the scheduled
 * task's timeout is 30 s, one Kafka call 10 s), so that a row is only taken
 * over from a replica that died while working on it.
 */
export const ACL_LEASE_MS = 60_000;
/** The longest reason stored on a row. */
const MAX_ERROR = 500;

export interface AclWorkerOptions {
  store: AccessStore;
  acls: AclPort;
  logger: LoggerService;
  /** Configured secrets that no stored reason may contain. */
  secrets: readonly string[];
  now?: () => Date;
  leaseMs?: number;
  batchSize?: number;
}

export interface AclRunResult {
  applied: number;
  removed: number;
  failed: number;
}

/**
 * Brings the broker's ACLs in line with the requests: creates the ACLs of
 * `applying` rows, deletes those of `removing` rows. A row is claimed with
 * a lease first, so two replicas never work on the same row at once; the
 * end state and its audit event are written together, once. When the
 * broker cannot be reached the row stays as it is, with the reason, and
 * the next run tries again: nothing is lost.
 */
export class AclWorker {
  private readonly now: () => Date;
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly options: AclWorkerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** One bounded pass over the rows whose ACLs must change. */
  async run(): Promise<AclRunResult> {
    const {
      store,
      leaseMs = ACL_LEASE_MS,
      batchSize = ACL_BATCH_SIZE,
    } = this.options;
    const now = this.now();
    const claimed = await store.claimAclWork(
      now.toISOString(),
      new Date(now.getTime() + leaseMs).toISOString(),
      batchSize,
    );
    const result: AclRunResult = { applied: 0, removed: 0, failed: 0 };
    for (const { request, lease } of claimed) {
      const outcome = await this.work(request, lease);
      result[outcome] += 1;
    }
    return result;
  }

  /**
   * Runs the worker soon, for a decision that was just made: a kick while
   * a run is under way makes it run once more afterwards (the new row may
   * have come too late for it). Never rejects.
   */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.run();
        } while (this.again);
      } catch (error) {
        // The scheduled run tries again.
        this.options.logger.warn(
          `Access ACL worker failed: ${this.reason(error)}`,
        );
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async work(
    request: AccessRequest,
    lease: string,
  ): Promise<keyof AclRunResult> {
    const { store, acls } = this.options;
    const applying = request.aclState === 'applying';
    try {
      if (applying) {
        await acls.create(request.cluster, request.acls);
      } else {
        await acls.delete(request.cluster, request.acls);
      }
    } catch (error) {
      const reason = this.reason(error);
      await store.failAclWork(request.id, lease, reason);
      // A broker away is expected now and then; anything else is a bug or
      // a config problem (an unconfigured cluster) someone must look at.
      const log = error instanceof KafkaUnavailableError ? 'warn' : 'error';
      this.options.logger[log](
        `Could not ${
          applying ? 'create' : 'delete'
        } the ACLs of access request ${request.id}; retrying later: ${reason}`,
      );
      return 'failed';
    }
    await store.finishAclWork(
      request.id,
      lease,
      request.aclState,
      applying ? 'applied' : 'removed',
      {
        at: this.now().toISOString(),
        actor: 'system',
        action: applying ? 'acls-created' : 'acls-deleted',
        acls: request.acls,
      },
    );
    return applying ? 'applied' : 'removed';
  }

  private reason(error: unknown): string {
    return redact(stringifyError(error), this.options.secrets).slice(
      0,
      MAX_ERROR,
    );
  }
}
