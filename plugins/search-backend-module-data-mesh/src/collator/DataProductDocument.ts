import type { IndexableDocument } from '@backstage/plugin-search-common';
import type { DataProductSearchFields } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The search document of one DataProduct (type `data-product`): the
 * fields data-mesh-common defines, which the frontend's result item reads.
 *
 * @public
 */
export interface DataProductDocument
  extends IndexableDocument,
    DataProductSearchFields {}
