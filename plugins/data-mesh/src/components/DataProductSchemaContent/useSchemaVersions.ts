import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/**
 * The registered versions of a product's schema and the one the user picked;
 * the latest is picked whenever the versions (re)load.
 */
export function useSchemaVersions(product: DataProductId) {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSchemaVersions(product),
    [api, product],
  );
  const [selected, setSelected] = useState<number | undefined>();
  useEffect(() => {
    if (value?.versions.length) {
      setSelected(value.versions[value.versions.length - 1]);
    }
  }, [value]);
  return { value, loading, error, selected, setSelected };
}
