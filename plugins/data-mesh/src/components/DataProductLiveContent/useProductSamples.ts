import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/** How many of the newest records the Live tab shows. */
export const SAMPLE_LIMIT = 10;

/** The newest records, decoded and masked by the backend; `retry` reloads. */
export function useProductSamples(product: DataProductId) {
  const api = useApi(dataMeshApiRef);
  return useAsyncRetry(
    () => api.getSamples(product, { limit: SAMPLE_LIMIT }),
    [api, product],
  );
}
