import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { DataProductId } from '../../api';
import { ErrorPanel } from '../common';
import { RawSchema } from './RawSchema';
import { SchemaFieldsTable } from './SchemaFieldsTable';
import { useSchemaVersion } from './useSchemaVersion';

/** The fields and the raw text of one schema version. */
export function SchemaVersionDetails(props: {
  product: DataProductId;
  version: number;
}) {
  const { value, loading, error } = useSchemaVersion(
    props.product,
    props.version,
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <ErrorPanel
        error={error}
        title={`Could not load schema v${props.version}`}
      />
    );
  }
  if (!value) return null;
  return (
    <>
      <SchemaFieldsTable schema={value} />
      <Box mt={2}>
        <RawSchema schema={value} />
      </Box>
    </>
  );
}
