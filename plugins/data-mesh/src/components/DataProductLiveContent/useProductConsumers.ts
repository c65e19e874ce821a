import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/** The consumer groups reading the topic with their lag; `retry` reloads. */
export function useProductConsumers(product: DataProductId) {
  const api = useApi(dataMeshApiRef);
  return useAsyncRetry(() => api.getConsumers(product), [api, product]);
}
