import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import type { AccessAuditEvent } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { auditActionLabel, describeAcl, formatTime } from './accessFormat';
import { RequesterLink } from './RequesterLink';

type HistoryRow = AccessAuditEvent & { key: string };

const columns: TableColumn<HistoryRow>[] = [
  { title: 'When', field: 'at', render: e => formatTime(e.at) },
  {
    title: 'Who',
    field: 'actor',
    render: e => <RequesterLink actor={e.actor} />,
  },
  { title: 'What', field: 'action', render: e => auditActionLabel(e.action) },
  { title: 'Note', field: 'note', render: e => e.note ?? '' },
  {
    title: 'ACLs',
    sorting: false,
    render: e =>
      e.acls?.length ? (
        <Box component="ul" m={0} pl={2}>
          {e.acls.map(acl => (
            <li key={`${acl.principal}|${describeAcl(acl)}`}>
              {e.action === 'acls-deleted' ? 'deleted: ' : ''}
              {e.action === 'acls-created' ? 'created: ' : ''}
              <code>{acl.principal}</code> {describeAcl(acl)}
            </li>
          ))}
        </Box>
      ) : (
        ''
      ),
  },
];

/** "History": the audit events of the product's requests, newest first. */
export function AccessHistoryTable({ events }: { events: AccessAuditEvent[] }) {
  const data = useMemo(
    () =>
      [...events]
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
        .map((e, i) => ({ ...e, key: `${e.requestId}:${e.at}:${i}` })),
    [events],
  );
  return (
    <Table<HistoryRow>
      title="History"
      options={{
        search: false,
        paging: false,
        padding: 'dense',
        sorting: false,
      }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          Nothing has happened yet.
        </Typography>
      }
    />
  );
}
