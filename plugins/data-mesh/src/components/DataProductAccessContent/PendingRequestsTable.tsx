import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import Typography from '@material-ui/core/Typography';
import { AccessDecisionActions } from './AccessDecisionActions';
import { durationLabel, formatTime } from './accessFormat';
import { RequesterLink } from './RequesterLink';

/**
 * "Pending requests": requests waiting for the owners, with a note field
 * and Approve / Deny for those who may decide.
 */
export function PendingRequestsTable(props: {
  requests: AccessRequest[];
  canDecide: boolean;
  onDecided: () => void;
}) {
  const { requests, canDecide, onDecided } = props;
  const columns = useMemo(() => {
    const base: TableColumn<AccessRequest>[] = [
      {
        title: 'Principal',
        field: 'principal',
        highlight: true,
        render: r => <code>{r.principal}</code>,
      },
      {
        title: 'Requested by',
        field: 'requestedBy',
        render: r => <RequesterLink actor={r.requestedBy} />,
      },
      { title: 'Purpose', field: 'purpose' },
      {
        title: 'Consumer groups',
        field: 'groupPrefix',
        render: r => <code>{r.groupPrefix}*</code>,
      },
      {
        title: 'Duration',
        field: 'duration',
        render: r => durationLabel(r.duration),
      },
      {
        title: 'Requested at',
        field: 'requestedAt',
        render: r => formatTime(r.requestedAt),
      },
    ];
    if (!canDecide) return base;
    return [
      ...base,
      {
        title: 'Decision',
        sorting: false,
        render: (r: AccessRequest) => (
          <AccessDecisionActions
            request={r}
            actions={['approve', 'deny']}
            onDone={onDecided}
          />
        ),
      },
    ];
  }, [canDecide, onDecided]);
  const data = useMemo(() => requests.map(r => ({ ...r })), [requests]);
  return (
    <Table<AccessRequest>
      title="Pending requests"
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No request waits for a decision.
        </Typography>
      }
    />
  );
}
