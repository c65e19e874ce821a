import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { FreshnessStatus } from '@kafka-mesh/plugin-data-mesh-common';

const FRESHNESS_LABELS: Record<FreshnessStatus, string> = {
  ok: 'Fresh',
  'at-risk': 'At risk',
  breached: 'SLA breached',
  unknown: 'Unknown',
};

/** A status chip for the freshness of the newest record against the SLA. */
export function FreshnessStatusChip({ status }: { status: FreshnessStatus }) {
  const label = FRESHNESS_LABELS[status];
  const props = { 'aria-label': `Freshness: ${label}` } as {};
  switch (status) {
    case 'ok':
      return <StatusOK {...props}>{label}</StatusOK>;
    case 'at-risk':
      return <StatusWarning {...props}>{label}</StatusWarning>;
    case 'breached':
      return <StatusError {...props}>{label}</StatusError>;
    default:
      return <StatusAborted {...props}>{label}</StatusAborted>;
  }
}
