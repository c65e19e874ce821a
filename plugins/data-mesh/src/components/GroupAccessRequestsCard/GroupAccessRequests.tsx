import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  AccessDecisionActions,
  RequesterLink,
  durationLabel,
} from '../DataProductAccessContent';
import { useDecidableRequests } from './useDecidableRequests';

/**
 * Pending access requests the signed-in user may decide, across the
 * products they own: product, principal, requester, purpose, Approve / Deny.
 */
export function GroupAccessRequests() {
  const { items, loading, error, reload } = useDecidableRequests();
  if (loading && !items) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the access requests"
      />
    );
  }
  if (!items) return null;
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No access request waits for your decision.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Access requests to decide">
      <TableHead>
        <TableRow>
          <TableCell>Product</TableCell>
          <TableCell>Principal</TableCell>
          <TableCell>Requested by</TableCell>
          <TableCell>Purpose</TableCell>
          <TableCell>Decision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(request => (
          <TableRow key={request.id}>
            <TableCell component="th" scope="row">
              <EntityRefLink
                entityRef={request.product}
                defaultKind="DataProduct"
              />
            </TableCell>
            <TableCell>
              <code>{request.principal}</code>
              <Typography variant="caption" display="block">
                groups <code>{request.groupPrefix}*</code>, for{' '}
                {durationLabel(request.duration)}
              </Typography>
            </TableCell>
            <TableCell>
              <RequesterLink actor={request.requestedBy} />
            </TableCell>
            <TableCell>{request.purpose}</TableCell>
            <TableCell>
              <AccessDecisionActions
                request={request}
                actions={['approve', 'deny']}
                onDone={reload}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
