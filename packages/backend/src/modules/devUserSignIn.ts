import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The header that names the user to sign in as. */
export const DEV_USER_HEADER = 'x-data-mesh-dev-user';

/**
 * Signs in as one of the catalog users listed in
 * `auth.providers.devUser.users`, named by a request header: the guest
 * provider knows one identity, and the ownership rules need at least two
 * (an owner and a non-owner) to be tried and tested. Ownership claims come
 * from the catalog like any real provider's. Development and tests only:
 * anyone who can reach the backend may pick a listed user, so like the
 * guest provider it exists only when NODE_ENV is development (as `yarn dev`
 * and the tests' backends run), and only for the users configured.
 */
const devUserAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { name: string }) => ({
    profile: { displayName: result.name },
  }),
  initialize({ config }) {
    return { users: new Set(config.getStringArray('users')) };
  },
  async authenticate({ req }, { users }) {
    const name = req.header(DEV_USER_HEADER);
    if (!name || !users.has(name)) {
      throw new AuthenticationError(
        `Name one of the users of auth.providers.devUser.users in the ${DEV_USER_HEADER} header`,
      );
    }
    return { result: { name } };
  },
});

export const authModuleDataMeshDevUsers = createBackendModule({
  pluginId: 'auth',
  moduleId: 'data-mesh-dev-users',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        if (process.env.NODE_ENV !== 'development') return;
        providers.registerProvider({
          providerId: 'devUser',
          factory: createProxyAuthProviderFactory({
            authenticator: devUserAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: { name: result.name },
              });
            },
          }),
        });
      },
    });
  },
});
