import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import Dialog from '@material-ui/core/Dialog';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { DataProductId } from '../../api';
import { RequestAccessForm } from './RequestAccessForm';

/**
 * The "Request access" dialog. Its form starts afresh each time it opens;
 * `onRequested` gets the created request (already `approved` when the
 * product needs no approval).
 */
export function RequestAccessDialog(props: {
  open: boolean;
  product: DataProductId;
  productTitle?: string;
  onClose: () => void;
  onRequested: (request: AccessRequest) => void;
}) {
  const { open, product, productTitle, onClose, onRequested } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="request-access-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="request-access-title">
        Request access to {productTitle ?? product.name}
      </DialogTitle>
      {open && (
        <RequestAccessForm
          product={product}
          onCancel={onClose}
          onRequested={onRequested}
        />
      )}
    </Dialog>
  );
}
