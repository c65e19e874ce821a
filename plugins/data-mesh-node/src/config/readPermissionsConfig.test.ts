import { ConfigReader } from '@backstage/config';
import { readPermissionsConfig } from './readPermissionsConfig';

const read = (permissions?: object) =>
  readPermissionsConfig(
    new ConfigReader({ dataMesh: permissions ? { permissions } : {} }),
  );

describe('readPermissionsConfig', () => {
  it('defaults to the platform team as admins, no tokens, open catalog writes', () => {
    expect(read()).toEqual({
      adminGroups: ['group:default/platform-team'],
      externalAccess: [],
      restrictCatalogWrites: false,
    });
  });

  it('lower-cases refs like the ownership claims they are compared with', () => {
    const config = read({
      adminGroups: ['group:default/Data-Platform'],
      externalAccess: [
        { subject: 'checkout-ci', actsFor: ['group:default/Checkout-Team'] },
      ],
      restrictCatalogWrites: true,
    });
    expect(config.adminGroups).toEqual(['group:default/data-platform']);
    expect(config.externalAccess).toEqual([
      { subject: 'checkout-ci', actsFor: ['group:default/checkout-team'] },
    ]);
    expect(config.restrictCatalogWrites).toBe(true);
  });

  it('refuses bare names and other kinds, naming the key', () => {
    expect(() => read({ adminGroups: ['platform-team'] })).toThrow(
      "Invalid config at dataMesh.permissions.adminGroups: 'platform-team' is not a ref of the form group:<namespace>/<name>",
    );
    expect(() =>
      read({
        externalAccess: [{ subject: 'ci', actsFor: ['component:default/x'] }],
      }),
    ).toThrow('dataMesh.permissions.externalAccess[0].actsFor');
  });
});
