import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { isStale } from '../../lib';
import { TimeAgo } from '../common';

/** A warning when the figures of a section were observed too long ago. */
export function StaleNotice({ observedAt }: { observedAt: string }) {
  if (!isStale(observedAt)) return null;
  return (
    <Box mb={2}>
      <Alert severity="warning">
        These figures were observed <TimeAgo at={observedAt} /> and may be
        stale.
      </Alert>
    </Box>
  );
}
