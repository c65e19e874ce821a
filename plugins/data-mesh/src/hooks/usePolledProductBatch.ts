import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { MAX_FRESHNESS_ENTITY_REFS } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * A per-product answer for a set of products (the live freshness, the
 * monitor's status), asked in one request and again every `refreshMs`
 * while mounted. One key per set of products: a re-render or a new sort
 * order does not ask again; beyond the backend's batch limit the rest go
 * without. `items` is undefined until the first answer and after a failed
 * one; `loading` is true while the current set has neither an answer nor
 * a failure yet, so a product added to the set is not mistaken for one
 * without an answer. `load` must be stable (e.g. from `useCallback`).
 */
export function usePolledProductBatch<T>(
  entityRefs: readonly string[],
  load: (entityRefs: string[]) => Promise<Record<string, T>>,
  refreshMs: number,
): { items?: Record<string, T>; error?: Error; loading: boolean } {
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
    return { key, items: await load(key.split('\n')) };
  }, [load, key]);
  useInterval(retry, key ? refreshMs : null);
  return {
    items: value?.items,
    error,
    loading: !error && value?.key !== key,
  };
}
