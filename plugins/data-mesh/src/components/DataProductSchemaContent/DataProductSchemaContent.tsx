import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DataProductEntity,
  SchemaField,
  SchemaFieldChange,
  isDataProductEntity,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { DataProductId, dataMeshApiRef } from '../../api';
import { productIdOf } from '../../lib';
import { ErrorPanel, NotADataProduct, statusOf } from '../common';
import { DownloadTestDataButton } from './DownloadTestDataButton';

function VersionSelect(props: {
  id: string;
  label: string;
  versions: number[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={String(props.value)}
      onChange={e => props.onChange(Number(e.target.value))}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 140, marginRight: 16 }}
    >
      {[...props.versions].reverse().map(v => (
        <option key={v} value={v}>
          {`v${v}`}
        </option>
      ))}
    </TextField>
  );
}

const fieldColumns: TableColumn<SchemaField>[] = [
  {
    title: 'Path',
    field: 'path',
    highlight: true,
    render: field => (
      <>
        <code>{field.path}</code>
        {field.pii && (
          <Chip
            size="small"
            label="PII"
            color="secondary"
            aria-label={`${field.path} holds personal data`}
            style={{ marginLeft: 8 }}
          />
        )}
      </>
    ),
  },
  {
    title: 'Type',
    field: 'type',
    render: field => (
      <code>
        {field.type}
        {field.nullable ? ' | null' : ''}
      </code>
    ),
  },
  { title: 'Description', field: 'doc' },
  {
    title: 'Default',
    field: 'default',
    render: field =>
      field.default !== undefined ? <code>{field.default}</code> : '',
  },
];

function prettySchema(schema: string): string {
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema; // protobuf is not JSON
  }
}

function SchemaVersionView(props: { product: DataProductId; version: number }) {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSchemaVersion(props.product, props.version),
    [api, props.product.namespace, props.product.name, props.version],
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
      <Table<SchemaField>
        title={`Fields of v${value.version} (${value.format}, id ${value.id})`}
        options={{ search: true, paging: false, padding: 'dense' }}
        columns={fieldColumns}
        data={value.fields}
      />
      <Box mt={2}>
        <Accordion>
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls="data-mesh-raw-schema"
            id="data-mesh-raw-schema-header"
          >
            <Typography>Raw schema</Typography>
          </AccordionSummary>
          <AccordionDetails id="data-mesh-raw-schema">
            <pre
              aria-label={`Raw schema v${value.version}`}
              style={{ margin: 0, overflowX: 'auto', width: '100%' }}
            >
              {prettySchema(value.schema)}
            </pre>
          </AccordionDetails>
        </Accordion>
      </Box>
    </>
  );
}

const CHANGE_LABELS: Record<SchemaFieldChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  'type-changed': 'Type changed',
  'default-changed': 'Default changed',
};

function SchemaDiffView(props: { product: DataProductId; versions: number[] }) {
  const api = useApi(dataMeshApiRef);
  const { versions } = props;
  const [to, setTo] = useState(versions[versions.length - 1]);
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const { value, loading, error } = useAsync(async () => {
    if (from === to) return undefined;
    return api.getSchemaDiff(props.product, from, to);
  }, [api, props.product.namespace, props.product.name, from, to]);

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
    body = (
      <ul aria-label={`Changes from v${value.from} to v${value.to}`}>
        {value.changes.map(change => (
          <li key={`${change.change}:${change.path}`}>
            <Chip
              size="small"
              label={CHANGE_LABELS[change.change]}
              color={change.change === 'removed' ? 'secondary' : 'default'}
              style={{ marginRight: 8 }}
            />
            <code>{change.path}</code>
            {change.before !== undefined && (
              <>
                {' '}
                from <code>{change.before}</code>
              </>
            )}
            {change.after !== undefined && (
              <>
                {' '}
                to <code>{change.after}</code>
              </>
            )}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <InfoCard title="Compare versions">
      <Box mb={2}>
        <VersionSelect
          id="data-mesh-diff-from"
          label="From version"
          versions={versions}
          value={from}
          onChange={setFrom}
        />
        <VersionSelect
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

/** The schema of a product's output topic: fields, raw text, versions and diffs. */
export function DataProductSchema({ entity }: { entity: DataProductEntity }) {
  const api = useApi(dataMeshApiRef);
  const product = useMemo(() => productIdOf(entity), [entity]);
  const { value, loading, error } = useAsync(
    () => api.getSchemaVersions(product),
    [api, product],
  );
  const [selected, setSelected] = useState<number | undefined>();
  useEffect(() => {
    if (value?.versions.length) {
      setSelected(value.versions[value.versions.length - 1]);
    }
  }, [value]);

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

  const latest = value.versions[value.versions.length - 1];
  const observed = entity.spec.observed?.schema;
  const observedVersion =
    observed?.status === 'registered' ? observed.version : undefined;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Schema">
          <Box display="flex" alignItems="center" flexWrap="wrap">
            <VersionSelect
              id="data-mesh-schema-version"
              label="Version"
              versions={value.versions}
              value={selected}
              onChange={setSelected}
            />
            <Typography variant="body2" style={{ marginRight: 16 }}>
              Subject <code>{value.subject}</code>
            </Typography>
            <Typography variant="body2" component="span">
              Compatibility{' '}
              <Chip
                size="small"
                label={value.compatibility ?? 'unknown'}
                aria-label={`Compatibility level ${
                  value.compatibility ?? 'unknown'
                }`}
              />
            </Typography>
            <Box ml="auto">
              <DownloadTestDataButton product={product} />
            </Box>
          </Box>
          {observedVersion !== undefined && observedVersion !== latest && (
            <Box mt={2}>
              <Alert severity="info">
                The catalog last saw v{observedVersion}; the registry now has v
                {latest}. Catalog facts refresh on the next processing run.
              </Alert>
            </Box>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <SchemaVersionView product={product} version={selected} />
      </Grid>
      {value.versions.length > 1 && (
        <Grid item xs={12}>
          <SchemaDiffView product={product} versions={value.versions} />
        </Grid>
      )}
    </Grid>
  );
}

/** Entity content tab "Schema" for DataProduct entities. */
export function DataProductSchemaContent() {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) return <NotADataProduct />;
  return <DataProductSchema entity={entity} />;
}
