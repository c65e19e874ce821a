import { createBackend } from '@backstage/backend-defaults';
import { authModuleDataMeshDevUsers } from './modules/devUserSignIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for the local portal; add a real provider in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Sign-in as a listed catalog user by header, for trying and testing the
// ownership rules with several identities; only where configured (dev).
backend.add(authModuleDataMeshDevUsers);

// Catalog: the data products, their owners, domains, systems and consumers.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// The DataProduct kind and the provider that reads products from Kafka.
backend.add(import('@kafka-mesh/plugin-catalog-backend-module-data-mesh'));
// Live data for product pages: schema versions, health, consumers, samples.
backend.add(import('@kafka-mesh/plugin-data-mesh-backend'));

// Scaffolder: the self-service templates that create and publish products.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@kafka-mesh/plugin-scaffolder-backend-module-data-mesh'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// Events: lets the catalog and signals hear each other's events.
backend.add(import('@backstage/plugin-events-backend'));

// Permissions.
backend.add(import('@backstage/plugin-permission-backend'));
// Owners (and admins) change products and see personal data; see the
// README's permission section and the policy module's README.
backend.add(
  import('@kafka-mesh/plugin-permission-backend-module-data-mesh-policy'),
);

// Search over the catalog (Postgres engine when the database is Postgres,
// the in-memory engine otherwise).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@kafka-mesh/plugin-search-backend-module-data-mesh'));

// Actions for AI agents: an MCP server at /api/mcp-actions/v1 that serves
// the actions of the plugins in backend.actions.pluginSources (the data mesh's
// and the catalog's), each called with the caller's token and permissions.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
