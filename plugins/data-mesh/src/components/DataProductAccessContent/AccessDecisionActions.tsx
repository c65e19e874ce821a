import { useState } from 'react';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type { AccessDecisionAction } from '../../api';
import { useAccessDecision } from './useAccessDecision';

const LABELS: Record<AccessDecisionAction, string> = {
  approve: 'Approve',
  deny: 'Deny',
  revoke: 'Revoke',
};

/**
 * A note field and the decision buttons for one request: Approve and Deny
 * for a pending request, Revoke for a grant. Each button names the
 * principal it decides for, e.g. "Approve access for User:orders-app".
 */
export function AccessDecisionActions(props: {
  request: Pick<AccessRequest, 'id' | 'principal'>;
  actions: AccessDecisionAction[];
  onDone: (request: AccessRequest) => void;
}) {
  const { request, actions, onDone } = props;
  const [note, setNote] = useState('');
  const { decide, busy, error } = useAccessDecision(request.id, onDone);
  return (
    <Box minWidth={220}>
      <TextField
        label="Note"
        size="small"
        fullWidth
        value={note}
        onChange={e => setNote(e.target.value)}
        inputProps={{ 'aria-label': `Note for ${request.principal}` }}
      />
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        {actions.map(action => (
          <Button
            key={action}
            size="small"
            variant={action === 'approve' ? 'contained' : 'outlined'}
            color={action === 'approve' ? 'primary' : 'default'}
            disabled={busy !== undefined}
            aria-label={`${LABELS[action]} access for ${request.principal}`}
            onClick={() => decide(action, note)}
          >
            {LABELS[action]}
          </Button>
        ))}
      </Box>
      {error && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </Box>
  );
}
