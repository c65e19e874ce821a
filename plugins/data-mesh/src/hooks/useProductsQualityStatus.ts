import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { QualityStatus } from '@kafka-mesh/plugin-data-mesh-common';
import { dataMeshApiRef } from '../api';
import { usePolledProductBatch } from './usePolledProductBatch';

/** How often the quality status of the listed products is asked again. */
export const QUALITY_STATUS_REFRESH_MS = 60_000;

/**
 * The contract monitor's status (ok, failing, unknown) of the given
 * products, asked in one request (at most the backend's batch limit) and
 * again every `refreshMs`. `items` is undefined until the first answer.
 */
export function useProductsQualityStatus(
  entityRefs: readonly string[],
  refreshMs: number = QUALITY_STATUS_REFRESH_MS,
): { items?: Record<string, QualityStatus>; error?: Error } {
  const api = useApi(dataMeshApiRef);
  const load = useCallback(
    async (refs: string[]) => {
      const { items } = await api.getProductsQualityStatus(refs);
      return Object.fromEntries(items.map(i => [i.entityRef, i.status]));
    },
    [api],
  );
  const { items, error } = usePolledProductBatch(entityRefs, load, refreshMs);
  return { items, error };
}
