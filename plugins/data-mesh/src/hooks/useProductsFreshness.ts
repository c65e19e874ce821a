import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { ProductFreshness } from '@kafka-mesh/plugin-data-mesh-common';
import { dataMeshApiRef } from '../api';
import { usePolledProductBatch } from './usePolledProductBatch';

/** How often the live freshness of the listed products is asked again. */
export const FRESHNESS_REFRESH_MS = 20_000;

/**
 * The live freshness of the given products, asked in one request and again
 * every `refreshMs` while the component is mounted (see
 * `usePolledProductBatch` for `items` and `loading`). Beyond the backend's
 * limit, the rest show their SLA only.
 */
export function useProductsFreshness(
  entityRefs: readonly string[],
  refreshMs: number = FRESHNESS_REFRESH_MS,
): {
  items?: Record<string, ProductFreshness>;
  error?: Error;
  loading: boolean;
} {
  const api = useApi(dataMeshApiRef);
  const load = useCallback(
    async (refs: string[]) => (await api.getProductsFreshness(refs)).items,
    [api],
  );
  return usePolledProductBatch(entityRefs, load, refreshMs);
}
