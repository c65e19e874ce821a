import { useMemo } from 'react';
import { useEntityList } from '@backstage/plugin-catalog-react';
import { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { useProductsFreshness } from '../../hooks/useProductsFreshness';
import { useProductsQualityStatus } from '../../hooks/useProductsQualityStatus';
import { DataProductRow, toRow } from './toRow';

/**
 * The rows of the page the catalog returned, with the live freshness and
 * the contract monitor's status asked for these rows only (one request
 * each, again when the page changes).
 */
export function useDiscoveryRows(): {
  rows: DataProductRow[];
  freshnessError?: Error;
} {
  const { entities } = useEntityList();
  const rows = useMemo(
    () => entities.filter(isDataProductEntity).map(toRow),
    [entities],
  );
  const ids = useMemo(() => rows.map(row => row.id), [rows]);
  const freshness = useProductsFreshness(ids);
  const quality = useProductsQualityStatus(ids);
  const withLiveState = useMemo(
    () =>
      rows.map(row => ({
        ...row,
        live: freshness.items?.[row.id],
        checks: quality.items?.[row.id],
      })),
    [rows, freshness.items, quality.items],
  );
  return { rows: withLiveState, freshnessError: freshness.error };
}
