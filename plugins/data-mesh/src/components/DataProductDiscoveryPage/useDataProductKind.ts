import { useEffect } from 'react';
import {
  EntityKindFilter,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { DATA_PRODUCT_KIND } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * Holds the list to kind DataProduct. Not `EntityKindPicker hidden`: that
 * one takes the kind from the URL first, so an edited link
 * (`filters[kind]=component`) would list components on this page.
 */
export function useDataProductKind(): void {
  const { updateFilters } = useEntityList();
  useEffect(() => {
    updateFilters({
      kind: new EntityKindFilter(
        DATA_PRODUCT_KIND.toLocaleLowerCase('en-US'),
        DATA_PRODUCT_KIND,
      ),
    });
  }, [updateFilters]);
}
