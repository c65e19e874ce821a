import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { useApi } from '@backstage/core-plugin-api';
import {
  MAX_FRESHNESS_ENTITY_REFS,
  ProductFreshness,
} from '@kafka-mesh/plugin-data-mesh-common';
import { dataMeshApiRef } from '../api';

/** How often the live freshness of the listed products is asked again. */
export const FRESHNESS_REFRESH_MS = 20_000;

/**
 * The live freshness of the given products, asked in one request and again
 * every `refreshMs` while the component is mounted. `items` is undefined
 * until the first answer and after a failed one; `loading` is true while
 * the current set of products has neither an answer nor a failure yet, so a
 * product added to the set is not mistaken for one without freshness.
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
  // One key per set of products: a re-render or a new sort order does not
  // ask again. Beyond the backend's limit, the rest show their SLA only.
  const key = useMemo(
    () =>
      [...new Set(entityRefs)]
        .sort()
        .slice(0, MAX_FRESHNESS_ENTITY_REFS)
        .join('\n'),
    [entityRefs],
  );
  const { value, error, retry } = useAsyncRetry(async () => {
    if (!key) return { key, items: {} };
    const { items } = await api.getProductsFreshness(key.split('\n'));
    return { key, items };
  }, [api, key]);
  useInterval(retry, key ? refreshMs : null);
  return {
    items: value?.items,
    error,
    loading: !error && value?.key !== key,
  };
}
