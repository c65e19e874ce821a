import type {
  AccessDrift,
  AccessRequest,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';
import { sameAcl } from './grantAcls';

/** Operations that let a principal read the topic's data. */
const READING = new Set(['read', 'all']);

/**
 * Where the broker and the grants disagree on a product's topic:
 *
 * - `unrequested`: an ACL that allows reading the topic, for a principal
 *   without an active grant (approved, its ACLs created or being created)
 *   or an ending one (revoked or expired, its ACLs being deleted).
 *   ACLs that do not read (a producer's WRITE and DESCRIBE) are no drift.
 * - `missing`: an ACL of a grant whose ACLs were created, but that the
 *   broker does not have (deleted by hand since).
 */
export function computeDrift(
  topic: string,
  grants: readonly AccessRequest[],
  brokerAcls: readonly KafkaAcl[],
): AccessDrift[] {
  const active = grants.filter(
    g =>
      g.status === 'approved' &&
      (g.aclState === 'applied' || g.aclState === 'applying'),
  );
  const ending = grants.filter(g => g.aclState === 'removing');
  const granted = new Set([...active, ...ending].map(g => g.principal));
  const drift: AccessDrift[] = [];
  for (const acl of brokerAcls) {
    if (
      acl.resourceType === 'topic' &&
      acl.resourceName === topic &&
      acl.permission === 'allow' &&
      READING.has(acl.operation) &&
      !granted.has(acl.principal)
    ) {
      drift.push({ kind: 'unrequested', acl });
    }
  }
  for (const grant of active) {
    if (grant.aclState !== 'applied') continue;
    for (const acl of grant.acls) {
      if (!brokerAcls.some(b => sameAcl(b, acl))) {
        drift.push({ kind: 'missing', acl, requestId: grant.id });
      }
    }
  }
  return drift;
}
