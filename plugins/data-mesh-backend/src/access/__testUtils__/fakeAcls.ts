import type { KafkaAcl } from '@kafka-mesh/plugin-data-mesh-common';
import { KafkaUnavailableError } from '@kafka-mesh/plugin-data-mesh-node';
import type { AclPort } from '../aclPort';
import { sameAcl } from '../grantAcls';

/**
 * A broker's ACLs in memory, counting calls; `down` makes every call fail
 * as KafkaService does when the broker is away; `delayMs` keeps calls
 * under way long enough for concurrent workers to overlap.
 */
export class FakeAcls implements AclPort {
  acls: KafkaAcl[] = [];
  creates = 0;
  deletes = 0;
  down = false;
  delayMs = 0;

  async create(_cluster: string, acls: KafkaAcl[]): Promise<void> {
    await this.call();
    this.creates += 1;
    for (const acl of acls) {
      if (!this.acls.some(a => sameAcl(a, acl))) this.acls.push(acl);
    }
  }

  async delete(_cluster: string, acls: KafkaAcl[]): Promise<void> {
    await this.call();
    this.deletes += 1;
    this.acls = this.acls.filter(a => !acls.some(b => sameAcl(a, b)));
  }

  async describe(
    _cluster: string,
    query: {
      resourceType: string;
      resourceName?: string;
      patternType?: string;
    },
  ): Promise<KafkaAcl[]> {
    await this.call();
    return this.acls.filter(
      a =>
        a.resourceType === query.resourceType &&
        (!query.resourceName || a.resourceName === query.resourceName) &&
        (!query.patternType ||
          query.patternType === 'any' ||
          a.patternType === query.patternType),
    );
  }

  private async call() {
    if (this.delayMs) await new Promise(r => setTimeout(r, this.delayMs));
    if (this.down) {
      throw new KafkaUnavailableError(
        "Kafka cluster 'local' (create ACLs) failed: Connection error: connect ECONNREFUSED",
      );
    }
  }
}
