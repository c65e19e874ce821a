import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { useApi } from '@backstage/core-plugin-api';
import {
  MAX_FRESHNESS_ENTITY_REFS,
  QualityStatus,
} from '@kafka-mesh/plugin-data-mesh-common';
import { dataMeshApiRef } from '../api';

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
  const key = useMemo(
    () =>
      [...new Set(entityRefs)]
        .sort()
        .slice(0, MAX_FRESHNESS_ENTITY_REFS)
        .join('\n'),
    [entityRefs],
  );
  const { value, error, retry } = useAsyncRetry(async () => {
    if (!key) return {};
    const { items } = await api.getProductsQualityStatus(key.split('\n'));
    return Object.fromEntries(items.map(i => [i.entityRef, i.status]));
  }, [api, key]);
  useInterval(retry, key ? refreshMs : null);
  return { items: value, error };
}
