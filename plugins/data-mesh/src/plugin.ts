import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { DataMeshClient, dataMeshApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  dataMeshCandidateStreamPickerField,
  dataMeshInputsPickerField,
  dataMeshSchemaEditorField,
} from './scaffolder';

/**
 * The data mesh frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const dataMeshPlugin = createPlugin({
  id: 'data-mesh',
  apis: [
    createApiFactory({
      api: dataMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataMeshClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The `/data-mesh` discovery page.
 *
 * @public
 */
export const DataMeshPage = dataMeshPlugin.provide(
  createRoutableExtension({
    name: 'DataMeshPage',
    component: () =>
      import('./components/DataProductDiscoveryPage').then(
        m => m.DataProductDiscoveryPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Overview card for DataProduct entity pages.
 *
 * @public
 */
export const EntityDataProductOverviewCard = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductOverviewCard',
    component: {
      lazy: () =>
        import('./components/DataProductOverviewCard').then(
          m => m.DataProductOverviewCard,
        ),
    },
  }),
);

/**
 * "Schema" tab content for DataProduct entity pages.
 *
 * @public
 */
export const EntityDataProductSchemaContent = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductSchemaContent',
    component: {
      lazy: () =>
        import('./components/DataProductSchemaContent').then(
          m => m.DataProductSchemaContent,
        ),
    },
  }),
);

/**
 * "Live" tab content for DataProduct entity pages.
 *
 * @public
 */
export const EntityDataProductLiveContent = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductLiveContent',
    component: {
      lazy: () =>
        import('./components/DataProductLiveContent').then(
          m => m.DataProductLiveContent,
        ),
    },
  }),
);

/**
 * "Lineage" tab content for DataProduct entity pages.
 *
 * @public
 */
export const EntityDataProductLineageContent = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductLineageContent',
    component: {
      lazy: () =>
        import('./components/DataProductLineageContent').then(
          m => m.DataProductLineageContent,
        ),
    },
  }),
);

/**
 * "Access" tab content for DataProduct entity pages: who can read the
 * product, access requests, grants and their history.
 *
 * @public
 */
export const EntityDataProductAccessContent = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductAccessContent',
    component: {
      lazy: () =>
        import('./components/DataProductAccessContent').then(
          m => m.DataProductAccessContent,
        ),
    },
  }),
);

/**
 * Card for Group entity pages: owned and consumed data products.
 *
 * @public
 */
export const EntityGroupDataProductsCard = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupDataProductsCard',
    component: {
      lazy: () =>
        import('./components/GroupDataProductsCard').then(
          m => m.GroupDataProductsCard,
        ),
    },
  }),
);

/**
 * Card for Group entity pages: pending access requests the signed-in user
 * may decide.
 *
 * @public
 */
export const EntityGroupAccessRequestsCard = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupAccessRequestsCard',
    component: {
      lazy: () =>
        import('./components/GroupAccessRequestsCard').then(
          m => m.GroupAccessRequestsCard,
        ),
    },
  }),
);

// Scaffolder form fields for the legacy frontend system. A field extension
// only carries its options as component data, so providing it from this
// plugin works as from the scaffolder plugin, without depending on it. Place
// them inside `<ScaffolderFieldExtensions>` of the `/create` route.

/**
 * `ui:field: DataMeshSchemaEditor`: the output schema, checked as typed.
 *
 * @public
 */
export const DataMeshSchemaEditorFieldExtension = dataMeshPlugin.provide(
  createScaffolderFieldExtension({
    ...dataMeshSchemaEditorField,
    schema: dataMeshSchemaEditorField.schema.schema,
  }),
);

/**
 * `ui:field: DataMeshInputsPicker`: input products with an effective SLA preview.
 *
 * @public
 */
export const DataMeshInputsPickerFieldExtension = dataMeshPlugin.provide(
  createScaffolderFieldExtension({
    ...dataMeshInputsPickerField,
    schema: dataMeshInputsPickerField.schema.schema,
  }),
);

/**
 * `ui:field: DataMeshCandidateStreamPicker`: a topic with a schema, not yet a product.
 *
 * @public
 */
export const DataMeshCandidateStreamPickerFieldExtension =
  dataMeshPlugin.provide(
    createScaffolderFieldExtension({
      ...dataMeshCandidateStreamPickerField,
      schema: dataMeshCandidateStreamPickerField.schema.schema,
    }),
  );
