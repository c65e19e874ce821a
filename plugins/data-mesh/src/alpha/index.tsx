import { DATA_PRODUCT_SEARCH_TYPE } from '@kafka-mesh/plugin-data-mesh-common';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { DataMeshClient, dataMeshApiRef } from '../api';
import { rootRouteRef } from '../routes';

const dataProductFilter = { kind: 'dataproduct' };

/**
 * `api:data-mesh`
 *
 * @public
 */
export const dataMeshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataMeshClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:data-mesh`, at `/data-mesh`. Its title and icon make the nav item
 * (NavItemBlueprint was removed in frontend-plugin-api 0.18).
 *
 * @public
 */
export const dataMeshPage = PageBlueprint.make({
  params: {
    path: '/data-mesh',
    title: 'Data mesh',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/DataProductDiscoveryPage').then(m => (
        <Content>
          <m.DataProductDiscoveryContent />
        </Content>
      )),
  },
});

/**
 * `entity-card:data-mesh/overview`
 *
 * @public
 */
export const dataProductOverviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'info',
    filter: dataProductFilter,
    loader: () =>
      import('../components/DataProductOverviewCard').then(m => (
        <m.DataProductOverviewCard />
      )),
  },
});

/**
 * `entity-card:data-mesh/group-data-products`
 *
 * @public
 */
export const groupDataProductsCard = EntityCardBlueprint.make({
  name: 'group-data-products',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('../components/GroupDataProductsCard').then(m => (
        <m.GroupDataProductsCard />
      )),
  },
});

/**
 * `entity-card:data-mesh/group-access-requests`: pending access requests
 * the signed-in user may decide.
 *
 * @public
 */
export const groupAccessRequestsCard = EntityCardBlueprint.make({
  name: 'group-access-requests',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('../components/GroupAccessRequestsCard').then(m => (
        <m.GroupAccessRequestsCard />
      )),
  },
});

/**
 * `entity-content:data-mesh/schema`
 *
 * @public
 */
export const dataProductSchemaContent = EntityContentBlueprint.make({
  name: 'schema',
  params: {
    path: '/schema',
    title: 'Schema',
    filter: dataProductFilter,
    loader: () =>
      import('../components/DataProductSchemaContent').then(m => (
        <m.DataProductSchemaContent />
      )),
  },
});

/**
 * `entity-content:data-mesh/live`
 *
 * @public
 */
export const dataProductLiveContent = EntityContentBlueprint.make({
  name: 'live',
  params: {
    path: '/live',
    title: 'Live',
    filter: dataProductFilter,
    loader: () =>
      import('../components/DataProductLiveContent').then(m => (
        <m.DataProductLiveContent />
      )),
  },
});

/**
 * `entity-content:data-mesh/lineage`
 *
 * @public
 */
export const dataProductLineageContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: '/lineage',
    title: 'Lineage',
    filter: dataProductFilter,
    loader: () =>
      import('../components/DataProductLineageContent').then(m => (
        <m.DataProductLineageContent />
      )),
  },
});

/**
 * `entity-content:data-mesh/access`
 *
 * @public
 */
export const dataProductAccessContent = EntityContentBlueprint.make({
  name: 'access',
  params: {
    path: '/access',
    title: 'Access',
    filter: dataProductFilter,
    loader: () =>
      import('../components/DataProductAccessContent').then(m => (
        <m.DataProductAccessContent />
      )),
  },
});

/**
 * `search-result-list-item:data-mesh/data-product`: renders the search
 * page's `data-product` results (`@kafka-mesh/plugin-search-backend-module-data-mesh`).
 *
 * @public
 */
export const dataProductSearchResultListItem =
  SearchResultListItemBlueprint.make({
    name: 'data-product',
    params: {
      icon: <StorageIcon />,
      predicate: result => result.type === DATA_PRODUCT_SEARCH_TYPE,
      component: () =>
        import(
          '../components/DataProductSearchResultListItem/DataProductSearchResultListItem'
        ).then(m => m.DataProductSearchResultListItem),
    },
  });

/**
 * `search-filter-result-type:data-mesh/data-products`: "Data products" in
 * the search page's result types.
 *
 * @public
 */
export const dataProductSearchResultType = SearchFilterResultTypeBlueprint.make(
  {
    name: 'data-products',
    params: {
      value: DATA_PRODUCT_SEARCH_TYPE,
      name: 'Data products',
      icon: <StorageIcon />,
    },
  },
);

// Scaffolder form fields: they attach to the scaffolder's form fields API
// (`api:scaffolder/form-fields`), which hands them to every template form.
// createFormField marks the object it is given, hence the copies.

/**
 * `scaffolder-form-field:data-mesh/schema-editor` (`ui:field: DataMeshSchemaEditor`)
 *
 * @public
 */
export const schemaEditorFormField = FormFieldBlueprint.make({
  name: 'schema-editor',
  params: {
    field: () =>
      import('../scaffolder/DataMeshSchemaEditor').then(m =>
        createFormField({ ...m.dataMeshSchemaEditorField }),
      ),
  },
});

/**
 * `scaffolder-form-field:data-mesh/inputs-picker` (`ui:field: DataMeshInputsPicker`)
 *
 * @public
 */
export const inputsPickerFormField = FormFieldBlueprint.make({
  name: 'inputs-picker',
  params: {
    field: () =>
      import('../scaffolder/DataMeshInputsPicker').then(m =>
        createFormField({ ...m.dataMeshInputsPickerField }),
      ),
  },
});

/**
 * `scaffolder-form-field:data-mesh/candidate-stream-picker` (`ui:field: DataMeshCandidateStreamPicker`)
 *
 * @public
 */
export const candidateStreamPickerFormField = FormFieldBlueprint.make({
  name: 'candidate-stream-picker',
  params: {
    field: () =>
      import('../scaffolder/DataMeshCandidateStreamPicker').then(m =>
        createFormField({ ...m.dataMeshCandidateStreamPickerField }),
      ),
  },
});

/** The data mesh plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'data-mesh',
  title: 'Data mesh',
  icon: <StorageIcon fontSize="inherit" />,
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
  },
  extensions: [
    dataMeshApi,
    dataMeshPage,
    dataProductOverviewCard,
    groupDataProductsCard,
    groupAccessRequestsCard,
    dataProductSchemaContent,
    dataProductLiveContent,
    dataProductLineageContent,
    dataProductAccessContent,
    dataProductSearchResultListItem,
    dataProductSearchResultType,
    schemaEditorFormField,
    inputsPickerFormField,
    candidateStreamPickerFormField,
  ],
});
