import { useCallback, useMemo, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import type {
  AccessRequest,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { productIdOf } from '../../lib';
import { ErrorPanel } from '../common';
import { AccessHistoryTable } from './AccessHistoryTable';
import { AccessSummary } from './AccessSummary';
import { GrantsTable } from './GrantsTable';
import { PendingRequestsTable } from './PendingRequestsTable';
import { RequestAccessDialog } from './RequestAccessDialog';
import { useProductAccess } from './useProductAccess';
import { WhoCanReadTable } from './WhoCanReadTable';

function noticeOf(request: AccessRequest): string {
  if (request.status === 'approved') {
    return `Access for ${request.principal} was granted at once: this product needs no approval. Its ACLs are being created.`;
  }
  return `Your request for ${request.principal} was sent. The product's owners will decide on it.`;
}

/**
 * The access of a product: who can read it (with drift), pending requests,
 * grants and history; request access, approve, deny and revoke. Reloads
 * after every action.
 */
export function DataProductAccess({ entity }: { entity: DataProductEntity }) {
  const namespace = entity.metadata.namespace;
  const name = entity.metadata.name;
  // Stable identity so the access is not fetched again on every render.
  const product = useMemo(
    () => productIdOf({ metadata: { namespace, name } } as DataProductEntity),
    [namespace, name],
  );
  const { value, loading, error, reload } = useProductAccess(product);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [notice, setNotice] = useState<string>();
  const onDecided = useCallback(() => {
    setNotice(undefined);
    reload();
  }, [reload]);

  if (loading && !value) return <Progress />;
  if (error) {
    return <ErrorPanel error={error} title="Could not read the access" />;
  }
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Access">
          <AccessSummary
            access={value}
            onRequestAccess={() => setDialogOpen(true)}
          />
          {notice && (
            <Alert
              severity="success"
              style={{ marginTop: 16 }}
              onClose={() => setNotice(undefined)}
            >
              {notice}
            </Alert>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <WhoCanReadTable
          acls={value.acls}
          drift={value.drift}
          aclsUnavailable={value.aclsUnavailable}
        />
      </Grid>
      <Grid item xs={12}>
        <PendingRequestsTable
          requests={value.pending}
          canDecide={value.canDecide}
          onDecided={onDecided}
        />
      </Grid>
      <Grid item xs={12}>
        <GrantsTable
          grants={value.grants}
          canDecide={value.canDecide}
          onDecided={onDecided}
        />
      </Grid>
      <Grid item xs={12}>
        <AccessHistoryTable events={value.history} />
      </Grid>
      <RequestAccessDialog
        open={dialogOpen}
        product={product}
        productTitle={entity.metadata.title}
        onClose={() => setDialogOpen(false)}
        onRequested={request => {
          setDialogOpen(false);
          setNotice(noticeOf(request));
          reload();
        }}
      />
    </Grid>
  );
}
