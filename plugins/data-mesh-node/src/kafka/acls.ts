import type { KafkaAcl } from '@kafka-mesh/plugin-data-mesh-common';
import {
  AclEntry,
  AclFilter,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import type { KafkaCluster } from './KafkaService';

// The one home of the suite's ACL calls. Everything else speaks KafkaAcl
// (lower-case words, as the REST API shows them); the kafkajs enums stay
// in here.

const RESOURCE_TYPES: Record<KafkaAcl['resourceType'], AclResourceTypes> = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  cluster: AclResourceTypes.CLUSTER,
};

const PATTERN_TYPES: Record<KafkaAcl['patternType'], ResourcePatternTypes> = {
  literal: ResourcePatternTypes.LITERAL,
  prefixed: ResourcePatternTypes.PREFIXED,
};

const PERMISSION_TYPES: Record<KafkaAcl['permission'], AclPermissionTypes> = {
  allow: AclPermissionTypes.ALLOW,
  deny: AclPermissionTypes.DENY,
};

// kafkajs's "enums" are plain objects at run time (no reverse mapping), so
// names are found by value.
const OPERATIONS = AclOperationTypes as unknown as Record<string, number>;

/** `describe_configs` → `AclOperationTypes.DESCRIBE_CONFIGS`. */
function operationCode(operation: string): AclOperationTypes {
  const code = OPERATIONS[operation.toUpperCase()];
  if (typeof code !== 'number') {
    throw new TypeError(`'${operation}' is not a Kafka ACL operation`);
  }
  return code;
}

function operationName(code: AclOperationTypes): string {
  const name = Object.keys(OPERATIONS).find(key => OPERATIONS[key] === code);
  return (name ?? 'unknown').toLowerCase();
}

/** The key of a value in one of the maps above, if the broker's code is one. */
function nameOf<K extends string>(
  map: Record<K, number>,
  code: number,
): K | undefined {
  return (Object.keys(map) as K[]).find(key => map[key] === code);
}

/**
 * A KafkaAcl as kafkajs's `createAcls` takes it.
 *
 * @public
 */
export function toAclEntry(acl: KafkaAcl): AclEntry {
  return {
    resourceType: RESOURCE_TYPES[acl.resourceType],
    resourceName: acl.resourceName,
    resourcePatternType: PATTERN_TYPES[acl.patternType],
    principal: acl.principal,
    host: acl.host,
    operation: operationCode(acl.operation),
    permissionType: PERMISSION_TYPES[acl.permission],
  };
}

/**
 * A broker's ACL in the suite's words, or undefined for kinds the suite
 * does not model (transactional ids, delegation tokens, ...).
 *
 * @public
 */
export function fromAclEntry(entry: AclEntry): KafkaAcl | undefined {
  const resourceType = nameOf(RESOURCE_TYPES, entry.resourceType);
  const patternType = nameOf(PATTERN_TYPES, entry.resourcePatternType);
  const permission = nameOf(PERMISSION_TYPES, entry.permissionType);
  if (!resourceType || !patternType || !permission) return undefined;
  return {
    resourceType,
    resourceName: entry.resourceName,
    patternType,
    principal: entry.principal,
    host: entry.host,
    operation: operationName(entry.operation),
    permission,
  };
}

/**
 * Which ACLs to describe. Left-out fields match anything; the pattern type
 * `any` matches literal and prefixed patterns of exactly this name.
 *
 * @public
 */
export interface AclQuery {
  resourceType: KafkaAcl['resourceType'];
  resourceName?: string;
  patternType?: KafkaAcl['patternType'] | 'any';
  principal?: string;
}

function filterOf(query: AclQuery): AclFilter {
  return {
    resourceType: RESOURCE_TYPES[query.resourceType],
    resourceName: query.resourceName,
    resourcePatternType:
      !query.patternType || query.patternType === 'any'
        ? ResourcePatternTypes.ANY
        : PATTERN_TYPES[query.patternType],
    principal: query.principal,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  };
}

/** An exact filter: deletes this ACL and nothing else. */
function exactFilterOf(acl: KafkaAcl): AclFilter {
  return toAclEntry(acl);
}

/**
 * Creates ACLs (creating an existing ACL again is a no-op on the broker).
 *
 * @throws KafkaUnavailableError when Kafka cannot answer
 * @public
 */
export async function createAcls(
  cluster: KafkaCluster,
  acls: readonly KafkaAcl[],
): Promise<void> {
  if (acls.length === 0) return;
  await cluster.admin('create ACLs', admin =>
    admin.createAcls({ acl: acls.map(toAclEntry) }),
  );
}

/**
 * The broker's ACLs matching a query.
 *
 * @throws KafkaUnavailableError when Kafka cannot answer
 * @public
 */
export async function describeAcls(
  cluster: KafkaCluster,
  query: AclQuery,
): Promise<KafkaAcl[]> {
  const { resources } = await cluster.admin('describe ACLs', admin =>
    admin.describeAcls(filterOf(query)),
  );
  const acls: KafkaAcl[] = [];
  for (const resource of resources) {
    for (const acl of resource.acls) {
      const found = fromAclEntry({ ...resource, ...acl });
      if (found) acls.push(found);
    }
  }
  return acls;
}

/**
 * Deletes exactly the given ACLs, each with a filter naming all its fields,
 * so that nobody else's ACL on the same resource goes with them. Deleting
 * an ACL that is not there is a no-op.
 *
 * @returns the ACLs the broker deleted
 * @throws KafkaUnavailableError when Kafka cannot answer
 * @public
 */
export async function deleteAcls(
  cluster: KafkaCluster,
  acls: readonly KafkaAcl[],
): Promise<KafkaAcl[]> {
  if (acls.length === 0) return [];
  const { filterResponses } = await cluster.admin('delete ACLs', admin =>
    admin.deleteAcls({ filters: acls.map(exactFilterOf) }),
  );
  return filterResponses.flatMap(response =>
    response.matchingAcls
      .map(matching => fromAclEntry(matching))
      .filter((acl): acl is KafkaAcl => acl !== undefined),
  );
}
