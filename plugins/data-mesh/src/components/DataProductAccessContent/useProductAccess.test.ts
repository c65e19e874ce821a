import type { ProductAccessResponse } from '@kafka-mesh/plugin-data-mesh-common';
import { aclsChanging } from './useProductAccess';

const base: ProductAccessResponse = {
  product: 'dataproduct:default/payments',
  approvalRequired: true,
  acls: [],
  drift: [],
  pending: [],
  grants: [],
  history: [],
  canDecide: true,
};
const event = (requestId: string, action: any) => ({
  requestId,
  action,
  at: '2026-12-04T10:00:00.000Z',
  actor: 'user:default/amara.okafor',
});

describe('aclsChanging', () => {
  it('is true while a grant is being applied', () => {
    expect(
      aclsChanging({
        ...base,
        grants: [{ aclState: 'applying' } as any],
      }),
    ).toBe(true);
    expect(
      aclsChanging({ ...base, grants: [{ aclState: 'applied' } as any] }),
    ).toBe(false);
  });

  it('is true until a revoked or expired grant’s ACLs are deleted', () => {
    expect(
      aclsChanging({
        ...base,
        history: [event('r1', 'revoked'), event('r1', 'acls-created')],
      }),
    ).toBe(true);
    expect(
      aclsChanging({
        ...base,
        history: [
          event('r1', 'acls-deleted'),
          event('r1', 'expired'),
          event('r2', 'denied'),
        ],
      }),
    ).toBe(false);
  });
});
