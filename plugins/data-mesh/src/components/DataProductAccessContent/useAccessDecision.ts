import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import { AccessDecisionAction, dataMeshApiRef } from '../../api';
import { errorMessage } from './accessFormat';

/**
 * Approve, deny or revoke one request. `busy` names the action under way;
 * `error` holds the backend's message of the last failure. `onDone` runs
 * after a decision went through (to reload what shows the request).
 */
export function useAccessDecision(
  requestId: string,
  onDone: (request: AccessRequest) => void,
): {
  decide: (action: AccessDecisionAction, note: string) => Promise<void>;
  busy?: AccessDecisionAction;
  error?: string;
} {
  const api = useApi(dataMeshApiRef);
  const [busy, setBusy] = useState<AccessDecisionAction>();
  const [error, setError] = useState<string>();
  const decide = useCallback(
    async (action: AccessDecisionAction, note: string) => {
      setBusy(action);
      setError(undefined);
      const trimmed = note.trim();
      try {
        const request = await api.decideAccess(
          requestId,
          action,
          trimmed ? { note: trimmed } : {},
        );
        setBusy(undefined);
        onDone(request);
      } catch (e) {
        setBusy(undefined);
        setError(errorMessage(e));
      }
    },
    [api, requestId, onDone],
  );
  return { decide, busy, error };
}
