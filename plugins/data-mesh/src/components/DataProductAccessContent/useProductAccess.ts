import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import type { ProductAccessResponse } from '@kafka-mesh/plugin-data-mesh-common';
import { DataProductId, dataMeshApiRef } from '../../api';

/** How often the tab asks again while the broker catches up with a decision. */
export const ACL_CHANGE_POLL_MS = 2000;

/**
 * Whether a decision's ACLs are still on their way: a grant being applied,
 * or a revoked or expired one whose ACLs are not deleted yet (its newest
 * history event is the decision, not `acls-deleted`).
 */
export function aclsChanging(access: ProductAccessResponse): boolean {
  if (access.grants.some(g => g.aclState === 'applying')) return true;
  const newest = new Map<string, string>();
  for (const event of access.history) {
    // History comes newest first.
    if (!newest.has(event.requestId)) newest.set(event.requestId, event.action);
  }
  return [...newest.values()].some(a => a === 'revoked' || a === 'expired');
}

/**
 * A product's access (ACLs, drift, requests, grants, history), with a
 * reload; asks again by itself while ACLs are being created or deleted, so
 * that an approval shows "applied" without a manual reload.
 */
export function useProductAccess(product: DataProductId): {
  value?: ProductAccessResponse;
  loading: boolean;
  error?: Error;
  reload: () => void;
} {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getProductAccess(product),
    [api, product],
  );
  const changing = !loading && value !== undefined && aclsChanging(value);
  useEffect(() => {
    if (!changing) return undefined;
    const timer = setTimeout(retry, ACL_CHANGE_POLL_MS);
    return () => clearTimeout(timer);
  }, [changing, value, retry]);
  return { value, loading, error, reload: retry };
}
