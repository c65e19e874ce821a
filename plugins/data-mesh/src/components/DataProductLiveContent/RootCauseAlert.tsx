import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ProductRootCause } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';

/** Why the freshness SLA is breached: the upstream product at fault. */
export function RootCauseAlert({ rootCause }: { rootCause: ProductRootCause }) {
  const upstream = rootCause.reason === 'upstream-breached';
  return (
    <Box mb={2}>
      <Alert severity="error" data-testid="root-cause">
        <Typography variant="body2">
          <strong>Root cause:</strong>{' '}
          {upstream ? 'the upstream product ' : 'the processor of '}
          <EntityRefLink entityRef={rootCause.product} />
          {upstream
            ? ' is itself breaching its freshness SLA.'
            : ' is lagging behind its inputs.'}
        </Typography>
        <Typography variant="body2">{rootCause.detail}</Typography>
      </Alert>
    </Box>
  );
}
