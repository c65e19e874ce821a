import { useMemo } from 'react';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import type {
  AccessDrift,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { aclKey, describeAcl } from './accessFormat';
import { DriftChip } from './DriftChip';

type PrincipalRow = {
  principal: string;
  /** The principal's ACLs on the broker. */
  acls: KafkaAcl[];
  /** Of those, the ones no active grant asked for. */
  unrequested: Set<string>;
  /** Granted ACLs the broker does not have. */
  missing: KafkaAcl[];
};

/** One row per principal: its ACLs on the broker and the missing granted ones. */
export function principalRows(
  acls: KafkaAcl[],
  drift: AccessDrift[],
): PrincipalRow[] {
  const rows = new Map<string, PrincipalRow>();
  const rowOf = (principal: string) => {
    let row = rows.get(principal);
    if (!row) {
      row = { principal, acls: [], unrequested: new Set(), missing: [] };
      rows.set(principal, row);
    }
    return row;
  };
  for (const acl of acls) rowOf(acl.principal).acls.push(acl);
  for (const item of drift) {
    const row = rowOf(item.acl.principal);
    if (item.kind === 'unrequested') {
      const key = aclKey(item.acl);
      row.unrequested.add(key);
      if (!row.acls.some(acl => aclKey(acl) === key)) row.acls.push(item.acl);
    } else {
      row.missing.push(item.acl);
    }
  }
  return [...rows.values()].sort((a, b) =>
    a.principal.localeCompare(b.principal),
  );
}

const columns: TableColumn<PrincipalRow>[] = [
  {
    title: 'Principal',
    field: 'principal',
    highlight: true,
    render: row => <code>{row.principal}</code>,
  },
  {
    title: 'Access on the broker',
    sorting: false,
    render: row => (
      <Box component="ul" m={0} pl={2}>
        {row.acls.map(acl => (
          <li key={aclKey(acl)}>
            {describeAcl(acl)}
            {row.unrequested.has(aclKey(acl)) && (
              <Typography variant="caption" color="textSecondary">
                {' '}
                (nobody requested it)
              </Typography>
            )}
          </li>
        ))}
        {row.missing.map(acl => (
          <li key={`missing:${aclKey(acl)}`}>
            <Typography variant="body2" component="span" color="error">
              {describeAcl(acl)} (granted, missing on the broker)
            </Typography>
          </li>
        ))}
      </Box>
    ),
  },
  {
    title: 'Drift',
    sorting: false,
    render: row => (
      <Box display="flex" style={{ gap: 4 }}>
        {row.unrequested.size > 0 && <DriftChip kind="unrequested" />}
        {row.missing.length > 0 && <DriftChip kind="missing" />}
        {row.unrequested.size === 0 && row.missing.length === 0 && (
          <DriftChip kind="in-sync" />
        )}
      </Box>
    ),
  },
];

/**
 * "Who can read": the broker's read ACLs on the product, per principal,
 * with their drift from the grants. A warning instead when the broker could
 * not be asked.
 */
export function WhoCanReadTable(props: {
  acls: KafkaAcl[];
  drift: AccessDrift[];
  aclsUnavailable?: string;
}) {
  const { acls, drift, aclsUnavailable } = props;
  const rows = useMemo(() => principalRows(acls, drift), [acls, drift]);
  if (aclsUnavailable) {
    return (
      <InfoCard title="Who can read">
        <Alert severity="warning">
          The broker's ACLs could not be read: {aclsUnavailable}
        </Alert>
      </InfoCard>
    );
  }
  return (
    <Table<PrincipalRow>
      title="Who can read"
      subtitle="From the broker's ACLs on the topic and the grants' consumer groups"
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={rows}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No principal has an ACL on this product.
        </Typography>
      }
    />
  );
}
