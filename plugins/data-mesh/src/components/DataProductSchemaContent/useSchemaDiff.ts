import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { DataProductId, dataMeshApiRef } from '../../api';

/**
 * The two versions to compare, the latest and the one before it at first,
 * and the field changes between them; a version compared with itself asks
 * the registry nothing (`value` is undefined).
 *
 * @param versions - the subject's versions, oldest first, at least two
 */
export function useSchemaDiff(product: DataProductId, versions: number[]) {
  const api = useApi(dataMeshApiRef);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const diff = useAsync(async () => {
    if (from === to) return undefined;
    return api.getSchemaDiff(product, from, to);
  }, [api, product.namespace, product.name, from, to]);
  return { from, to, setFrom, setTo, ...diff };
}
