/*
 * The floor of the catalog figures: a provider that does nothing but hand
 * plain Components to the catalog, in the same backend as the data mesh
 * provider, so both pay the same catalog processing loop and database.
 * The bench drives it over HTTP (`/api/catalog/bench-floor/…`).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';

const LOCATION = 'bench:floor';

function component(name: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        [ANNOTATION_LOCATION]: LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
      },
    },
    spec: { type, lifecycle: 'experimental', owner: 'group:default/guests' },
  };
}

class FloorProvider implements EntityProvider {
  connection?: EntityProviderConnection;
  /** Epoch ms at which the catalog connected its providers. */
  connectedAt?: number;

  getProviderName() {
    return 'bench-floor';
  }

  async connect(connection: EntityProviderConnection) {
    this.connectedAt = Date.now();
    this.connection = connection;
  }
}

export const benchFloorModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-floor',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        httpRouter: coreServices.httpRouter,
      },
      async init({ catalog, httpRouter }) {
        const provider = new FloorProvider();
        catalog.addEntityProvider(provider);
        const router = Router();
        router.get('/bench-floor/connected-at', (_req, res) => {
          res.json({ connectedAt: provider.connectedAt });
        });
        // One Component added, as a publish adds one product.
        router.post('/bench-floor/delta', async (req, res) => {
          const { name, type } = req.query as Record<string, string>;
          await provider.connection!.applyMutation({
            type: 'delta',
            added: [{ entity: component(name, type), locationKey: LOCATION }],
            removed: [],
          });
          res.json({ ok: true });
        });
        // `count` Components at once, as a cold start hands over N products.
        router.post('/bench-floor/full', async (req, res) => {
          const { count, type } = req.query as Record<string, string>;
          const entities = Array.from({ length: Number(count) }, (_, i) => ({
            entity: component(`${type}-${i}`, type),
            locationKey: LOCATION,
          }));
          await provider.connection!.applyMutation({ type: 'full', entities });
          res.json({ ok: true });
        });
        httpRouter.use(router);
      },
    });
  },
});
