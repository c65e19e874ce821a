import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/** One registered version of a product's schema, with its fields. */
export function useSchemaVersion(product: DataProductId, version: number) {
  const api = useApi(dataMeshApiRef);
  return useAsync(
    () => api.getSchemaVersion(product, version),
    [api, product.namespace, product.name, version],
  );
}
