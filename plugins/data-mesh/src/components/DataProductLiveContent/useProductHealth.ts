import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/** The topic's live health: freshness, throughput, partitions; `retry` reloads. */
export function useProductHealth(product: DataProductId) {
  const api = useApi(dataMeshApiRef);
  return useAsyncRetry(() => api.getHealth(product), [api, product]);
}
