import type { KafkaAcl } from '@kafka-mesh/plugin-data-mesh-common';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import {
  createAcls,
  deleteAcls,
  describeAcls,
  fromAclEntry,
  toAclEntry,
} from './acls';
import type { KafkaCluster } from './KafkaService';

const read: KafkaAcl = {
  resourceType: 'topic',
  resourceName: 'orders.placed.v1',
  patternType: 'literal',
  principal: 'User:billing',
  host: '*',
  operation: 'read',
  permission: 'allow',
};
const group: KafkaAcl = {
  ...read,
  resourceType: 'group',
  resourceName: 'billing-',
  patternType: 'prefixed',
};

/** A cluster whose admin is the given fake; records what it was asked. */
function clusterWith(admin: Partial<Admin>): KafkaCluster {
  return {
    name: 'local',
    admin: (_what: string, fn: (a: Admin) => Promise<unknown>) =>
      fn(admin as Admin),
  } as unknown as KafkaCluster;
}

describe('ACL conversion', () => {
  it('maps the suite words to kafkajs codes and back', () => {
    const entry = toAclEntry(group);
    expect(entry).toEqual({
      resourceType: AclResourceTypes.GROUP,
      resourceName: 'billing-',
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: 'User:billing',
      host: '*',
      operation: AclOperationTypes.READ,
      permissionType: AclPermissionTypes.ALLOW,
    });
    expect(fromAclEntry(entry)).toEqual(group);
    expect(
      fromAclEntry(toAclEntry({ ...read, operation: 'describe_configs' })),
    ).toEqual({ ...read, operation: 'describe_configs' });
  });

  it('refuses unknown operations and skips resources it does not model', () => {
    expect(() => toAclEntry({ ...read, operation: 'fly' })).toThrow(
      "'fly' is not a Kafka ACL operation",
    );
    expect(
      fromAclEntry({
        ...toAclEntry(read),
        resourceType: AclResourceTypes.TRANSACTIONAL_ID,
      }),
    ).toBeUndefined();
  });
});

describe('ACL calls', () => {
  it('creates ACLs in one call, and none for an empty list', async () => {
    const admin = { createAcls: jest.fn().mockResolvedValue(true) };
    await createAcls(clusterWith(admin), []);
    expect(admin.createAcls).not.toHaveBeenCalled();
    await createAcls(clusterWith(admin), [read, group]);
    expect(admin.createAcls).toHaveBeenCalledWith({
      acl: [toAclEntry(read), toAclEntry(group)],
    });
  });

  it('describes with a filter that matches any operation and permission', async () => {
    const admin = {
      describeAcls: jest.fn().mockResolvedValue({
        resources: [
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: read.resourceName,
            resourcePatternType: ResourcePatternTypes.LITERAL,
            acls: [
              {
                principal: 'User:billing',
                host: '*',
                operation: AclOperationTypes.READ,
                permissionType: AclPermissionTypes.ALLOW,
              },
            ],
          },
        ],
      }),
    };
    const acls = await describeAcls(clusterWith(admin), {
      resourceType: 'topic',
      resourceName: read.resourceName,
      patternType: 'any',
    });
    expect(acls).toEqual([read]);
    expect(admin.describeAcls).toHaveBeenCalledWith({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: read.resourceName,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: undefined,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
  });

  it('deletes with exact filters and returns what the broker deleted', async () => {
    const admin = {
      deleteAcls: jest.fn().mockResolvedValue({
        filterResponses: [
          {
            errorCode: 0,
            matchingAcls: [{ errorCode: 0, ...toAclEntry(read) }],
          },
          { errorCode: 0, matchingAcls: [] },
        ],
      }),
    };
    const deleted = await deleteAcls(clusterWith(admin), [read, group]);
    expect(deleted).toEqual([read]);
    expect(admin.deleteAcls).toHaveBeenCalledWith({
      filters: [toAclEntry(read), toAclEntry(group)],
    });
  });
});
