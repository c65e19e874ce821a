import { DATA_PRODUCT_SEARCH_TYPE } from '@kafka-mesh/plugin-data-mesh-common';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { dataMeshPlugin } from '../../plugin';

/**
 * The data product search result item for legacy apps: put it in a
 * `SearchResultList`/`SearchResult` and it renders the `data-product`
 * results (`@kafka-mesh/plugin-search-backend-module-data-mesh`).
 *
 * @public
 */
export const DataProductSearchResultListItem = dataMeshPlugin.provide(
  createSearchResultListItemExtension({
    name: 'DataProductSearchResultListItem',
    component: () =>
      import('./DataProductSearchResultListItem').then(
        m => m.DataProductSearchResultListItem,
      ),
    predicate: result => result.type === DATA_PRODUCT_SEARCH_TYPE,
  }),
);
