import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/** The contract monitor's checks of the product; `retry` reloads. */
export function useProductQuality(product: DataProductId) {
  const api = useApi(dataMeshApiRef);
  return useAsyncRetry(() => api.getQuality(product), [api, product]);
}
