import type { ProductAccessResponse } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * The header line of the Access tab: classification, whether access needs
 * the owner's approval, and the Request access button for those who do not
 * decide here.
 */
export function AccessSummary(props: {
  access: ProductAccessResponse;
  onRequestAccess: () => void;
}) {
  const { access, onRequestAccess } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      style={{ gap: 16 }}
    >
      <Typography variant="body1">
        Classification: <strong>{access.classification ?? 'not set'}</strong>
        {' · '}
        {access.approvalRequired
          ? "Access needs the owner's approval."
          : 'Access is granted at once, without approval.'}
        {access.canDecide && ' You may decide on requests here.'}
      </Typography>
      {!access.canDecide && (
        <Button variant="contained" color="primary" onClick={onRequestAccess}>
          Request access
        </Button>
      )}
    </Box>
  );
}
