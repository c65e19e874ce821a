import {
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import Typography from '@material-ui/core/Typography';
import { aclStateLabel } from './accessFormat';

/**
 * Where a grant's ACLs are on the broker; a warning with the broker's error
 * while they wait for it.
 */
export function AclStateStatus({ grant }: { grant: AccessRequest }) {
  const label = aclStateLabel(grant);
  if (grant.aclError) {
    return (
      <>
        <StatusWarning>{label}</StatusWarning>
        <Typography variant="caption" color="textSecondary" display="block">
          {grant.aclError}
        </Typography>
      </>
    );
  }
  if (grant.aclState === 'applied') return <StatusOK>{label}</StatusOK>;
  return <StatusPending>{label}</StatusPending>;
}
