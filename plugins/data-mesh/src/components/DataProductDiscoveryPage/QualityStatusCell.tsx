import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { QualityStatus } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The contract monitor's verdict on a product: its quality rules all
 * passed their newest check, one failed, or it was never checked.
 */
export function QualityStatusCell({ status }: { status?: QualityStatus }) {
  if (status === 'ok') return <StatusOK>ok</StatusOK>;
  if (status === 'failing') return <StatusError>failing</StatusError>;
  return <StatusPending>{status ? 'unknown' : '…'}</StatusPending>;
}
