import { isClaimed, ownerRefOf } from './ownership';

describe('ownerRefOf', () => {
  const entity = (owner?: string, namespace?: string) => ({
    apiVersion: 'v1',
    kind: 'Resource',
    metadata: { name: 'x', namespace },
    spec: { owner },
  });

  it('reads a bare name as a group in the entity namespace', () => {
    expect(ownerRefOf(entity('billing', 'sales'))).toBe('group:sales/billing');
    expect(ownerRefOf(entity('user:default/ann'))).toBe('user:default/ann');
    expect(ownerRefOf(entity(undefined))).toBeUndefined();
  });
});

describe('isClaimed', () => {
  it('compares refs without case', () => {
    expect(isClaimed('group:default/Billing', ['group:default/billing'])).toBe(
      true,
    );
    expect(isClaimed('group:default/sales', ['group:default/billing'])).toBe(
      false,
    );
    expect(isClaimed(undefined, ['group:default/billing'])).toBe(false);
  });
});
