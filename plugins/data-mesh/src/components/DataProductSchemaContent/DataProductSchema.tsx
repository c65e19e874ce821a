import { useMemo } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  DataProductEntity,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import Grid from '@material-ui/core/Grid';
import { productIdOf } from '../../lib';
import { ErrorPanel, statusOf } from '../common';
import { SchemaDiffCard } from './SchemaDiffCard';
import { SchemaSummaryCard } from './SchemaSummaryCard';
import { SchemaVersionDetails } from './SchemaVersionDetails';
import { useSchemaVersions } from './useSchemaVersions';

/** The schema of a product's output topic: fields, raw text, versions and diffs. */
export function DataProductSchema({ entity }: { entity: DataProductEntity }) {
  const product = useMemo(() => productIdOf(entity), [entity]);
  const { value, loading, error, selected, setSelected } =
    useSchemaVersions(product);

  if (loading) return <Progress />;
  if (error && statusOf(error) === 404) {
    return (
      <EmptyState
        missing="data"
        title="No schema registered"
        description={`The schema registry has no subject ${schemaSubjectOf(
          entity,
        )}. Register the schema when publishing the product.`}
      />
    );
  }
  if (error) {
    return (
      <ErrorPanel error={error} title="Could not load the schema versions" />
    );
  }
  if (!value || value.versions.length === 0 || selected === undefined) {
    return (
      <EmptyState
        missing="data"
        title="No schema registered"
        description={`Subject ${schemaSubjectOf(entity)} has no versions yet.`}
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SchemaSummaryCard
          entity={entity}
          product={product}
          versions={value}
          selected={selected}
          onSelect={setSelected}
        />
      </Grid>
      <Grid item xs={12}>
        <SchemaVersionDetails product={product} version={selected} />
      </Grid>
      {value.versions.length > 1 && (
        <Grid item xs={12}>
          <SchemaDiffCard product={product} versions={value.versions} />
        </Grid>
      )}
    </Grid>
  );
}
