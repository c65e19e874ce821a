import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import { dataMeshApiRef } from '../../api';

/** Pending access requests the signed-in user may decide, with a reload. */
export function useDecidableRequests(): {
  items?: AccessRequest[];
  loading: boolean;
  error?: Error;
  reload: () => void;
} {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listAccessRequests({ scope: 'owned', status: 'pending' }),
    [api],
  );
  return { items: value?.items, loading, error, reload: retry };
}
