import type { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { FreshnessCell } from './FreshnessCell';
import { QualityStatusCell } from './QualityStatusCell';
import type { DataProductRow } from './toRow';

// Nine columns: the descriptions keep a readable width, short values stay
// on one line (the freshness cell breaks between its parts).
const noWrap = { whiteSpace: 'nowrap' } as const;

/** The columns of the discovery table. */
export const dataProductColumns: TableColumn<DataProductRow>[] = [
  {
    title: 'Name',
    field: 'title',
    highlight: true,
    render: row => <EntityRefLink entityRef={row.entity} title={row.title} />,
  },
  {
    title: 'Description',
    field: 'description',
    cellStyle: { minWidth: 160 },
  },
  {
    title: 'Owner',
    field: 'owner',
    cellStyle: noWrap,
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
  { title: 'Domain', field: 'domain', cellStyle: noWrap },
  { title: 'Tier', field: 'tier', cellStyle: noWrap },
  { title: 'Quality', field: 'quality', cellStyle: noWrap },
  {
    title: 'Checks',
    field: 'checks',
    cellStyle: noWrap,
    render: row => <QualityStatusCell status={row.checks} />,
  },
  {
    title: 'Freshness',
    field: 'freshness',
    render: row => <FreshnessCell row={row} />,
  },
  { title: 'Consumers', field: 'consumers', type: 'numeric' },
];
