import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  EffectiveSla,
  EffectiveSlaField,
} from '@kafka-mesh/plugin-data-mesh-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { ReadableDuration } from './ReadableDuration';

const SLA_FIELDS: Array<{ field: EffectiveSlaField; label: string }> = [
  { field: 'tier', label: 'Tier' },
  { field: 'availability', label: 'Availability' },
  { field: 'freshness', label: 'Freshness' },
  { field: 'supportHours', label: 'Support hours' },
];

function show(
  field: EffectiveSlaField,
  value: unknown,
  empty: string,
): ReactNode {
  if (value === undefined) return empty;
  if (field === 'availability') return `${value}%`;
  if (field === 'freshness') return <ReadableDuration iso={String(value)} />;
  return String(value);
}

/**
 * The weakest-link fields of an SLA side by side: what is declared and what
 * can be kept, with the upstream product behind each weaker value.
 */
export function SlaTable(props: {
  declared: Partial<EffectiveSla>;
  effective?: Partial<EffectiveSla>;
  limitedBy?: Partial<Record<EffectiveSlaField, string>>;
  /** Shown for a value that is not known (yet); default `unknown`. */
  emptyLabel?: string;
}) {
  const { declared, effective, limitedBy, emptyLabel = 'unknown' } = props;
  return (
    <Table size="small" aria-label="Declared and effective SLA">
      <TableHead>
        <TableRow>
          <TableCell>SLA</TableCell>
          <TableCell>Declared</TableCell>
          <TableCell>Effective</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {SLA_FIELDS.map(({ field, label }) => {
          const limiter = limitedBy?.[field];
          return (
            <TableRow key={field}>
              <TableCell component="th" scope="row">
                {label}
              </TableCell>
              <TableCell>{show(field, declared[field], emptyLabel)}</TableCell>
              <TableCell>
                {show(field, effective?.[field], emptyLabel)}
                {limiter && (
                  <Typography variant="caption" display="block">
                    limited by{' '}
                    <EntityRefLink
                      entityRef={limiter}
                      defaultKind="DataProduct"
                    />
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
