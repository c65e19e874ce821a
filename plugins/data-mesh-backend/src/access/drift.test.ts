import { makeRequest } from './__testUtils__/testStore';
import { computeDrift } from './drift';

const topic = 'sales.orders.v1';

describe('computeDrift', () => {
  const grant = makeRequest({ status: 'approved', aclState: 'applied' });
  const [topicRead, topicDescribe, groupRead] = grant.acls;

  it('finds nothing when the broker has what the grants asked for', () => {
    expect(computeDrift(topic, [grant], grant.acls)).toEqual([]);
  });

  it('reports reading ACLs of principals without an active grant', () => {
    const stranger = { ...topicRead, principal: 'User:stranger' };
    const producer = [
      { ...topicRead, principal: 'User:producer', operation: 'write' },
      { ...topicDescribe, principal: 'User:producer' },
    ];
    expect(
      computeDrift(topic, [grant], [...grant.acls, stranger, ...producer]),
    ).toEqual([{ kind: 'unrequested', acl: stranger }]);
    // A revoked grant whose ACLs are gone covers nothing …
    const revoked = {
      ...grant,
      status: 'revoked' as const,
      aclState: 'removed' as const,
    };
    expect(computeDrift(topic, [revoked], [topicRead])).toEqual([
      { kind: 'unrequested', acl: topicRead },
    ]);
    // … while its ACLs are being deleted they are known, not drift.
    const ending = { ...revoked, aclState: 'removing' as const };
    expect(computeDrift(topic, [ending], [topicRead])).toEqual([]);
  });

  it('reports ACLs of applied grants that the broker lacks', () => {
    expect(computeDrift(topic, [grant], [topicRead, topicDescribe])).toEqual([
      { kind: 'missing', acl: groupRead, requestId: grant.id },
    ]);
    // While being created, missing ACLs are no drift yet.
    const applying = { ...grant, aclState: 'applying' as const };
    expect(computeDrift(topic, [applying], [topicRead])).toEqual([]);
  });
});
