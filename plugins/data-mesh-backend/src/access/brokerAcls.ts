import type {
  AccessRequest,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { AclPort } from './aclPort';

/** Group prefixes described per view at most: one broker call each. */
export const MAX_DESCRIBED_PREFIXES = 20;

/**
 * The broker's ACLs that matter for a product's access page: every ACL on
 * its topic (any pattern type), and the group ACLs of its grants'
 * prefixes held by the principals seen (those with grants or with ACLs on
 * the topic). Other groups' ACLs are none of the product's business.
 *
 * @throws KafkaUnavailableError when the broker cannot answer
 */
export async function readBrokerAcls(
  acls: AclPort,
  cluster: string,
  topic: string,
  grants: readonly AccessRequest[],
): Promise<KafkaAcl[]> {
  const topicAcls = await acls.describe(cluster, {
    resourceType: 'topic',
    resourceName: topic,
    patternType: 'any',
  });
  const principals = new Set([
    ...grants.map(g => g.principal),
    ...topicAcls.map(a => a.principal),
  ]);
  const prefixes = [...new Set(grants.map(g => g.groupPrefix))].slice(
    0,
    MAX_DESCRIBED_PREFIXES,
  );
  const groupAcls = await Promise.all(
    prefixes.map(prefix =>
      acls.describe(cluster, {
        resourceType: 'group',
        resourceName: prefix,
        patternType: 'prefixed',
      }),
    ),
  );
  return [
    ...topicAcls,
    ...groupAcls.flat().filter(acl => principals.has(acl.principal)),
  ];
}
