import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import Typography from '@material-ui/core/Typography';
import { AccessDecisionActions } from './AccessDecisionActions';
import { formatTime } from './accessFormat';
import { AclStateStatus } from './AclStateStatus';
import { RequesterLink } from './RequesterLink';

/** "Grants": approved requests that have not ended, with Revoke for deciders. */
export function GrantsTable(props: {
  grants: AccessRequest[];
  canDecide: boolean;
  onDecided: () => void;
}) {
  const { grants, canDecide, onDecided } = props;
  const columns = useMemo(() => {
    const base: TableColumn<AccessRequest>[] = [
      {
        title: 'Principal',
        field: 'principal',
        highlight: true,
        render: g => <code>{g.principal}</code>,
      },
      {
        title: 'Requested by',
        field: 'requestedBy',
        render: g => <RequesterLink actor={g.requestedBy} />,
      },
      { title: 'Purpose', field: 'purpose' },
      {
        title: 'Consumer groups',
        field: 'groupPrefix',
        render: g => <code>{g.groupPrefix}*</code>,
      },
      {
        title: 'Expires at',
        field: 'expiresAt',
        render: g => formatTime(g.expiresAt) || 'never',
      },
      {
        title: 'ACLs',
        field: 'aclState',
        render: g => <AclStateStatus grant={g} />,
      },
    ];
    if (!canDecide) return base;
    return [
      ...base,
      {
        title: 'Revoke',
        sorting: false,
        render: (g: AccessRequest) => (
          <AccessDecisionActions
            request={g}
            actions={['revoke']}
            onDone={onDecided}
          />
        ),
      },
    ];
  }, [canDecide, onDecided]);
  const data = useMemo(() => grants.map(g => ({ ...g })), [grants]);
  return (
    <Table<AccessRequest>
      title="Grants"
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          Nobody has been granted access yet.
        </Typography>
      }
    />
  );
}
