import { InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { DataProductId } from '../../api';
import { ErrorPanel } from '../common';
import { SchemaChangeList } from './SchemaChangeList';
import { SchemaVersionSelect } from './SchemaVersionSelect';
import { useSchemaDiff } from './useSchemaDiff';

/** Two version pickers and the field changes between the versions picked. */
export function SchemaDiffCard(props: {
  product: DataProductId;
  /** Oldest first, at least two. */
  versions: number[];
}) {
  const { versions } = props;
  const { from, to, setFrom, setTo, value, loading, error } = useSchemaDiff(
    props.product,
    versions,
  );

  let body;
  if (from === to) {
    body = <Typography>Pick two different versions to compare.</Typography>;
  } else if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ErrorPanel error={error} title="Could not compare the versions" />;
  } else if (value && value.changes.length === 0) {
    body = (
      <Typography>
        No field changes between v{value.from} and v{value.to}.
      </Typography>
    );
  } else if (value) {
    body = <SchemaChangeList diff={value} />;
  }

  return (
    <InfoCard title="Compare versions">
      <Box mb={2}>
        <SchemaVersionSelect
          id="data-mesh-diff-from"
          label="From version"
          versions={versions}
          value={from}
          onChange={setFrom}
        />
        <SchemaVersionSelect
          id="data-mesh-diff-to"
          label="To version"
          versions={versions}
          value={to}
          onChange={setTo}
        />
      </Box>
      {body}
    </InfoCard>
  );
}
