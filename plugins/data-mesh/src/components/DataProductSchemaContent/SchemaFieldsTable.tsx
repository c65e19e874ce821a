import { Table, TableColumn } from '@backstage/core-components';
import type {
  SchemaField,
  SchemaVersionResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import Chip from '@material-ui/core/Chip';

const columns: TableColumn<SchemaField>[] = [
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

/** The fields of one schema version, flattened, with PII badges. */
export function SchemaFieldsTable({
  schema,
}: {
  schema: SchemaVersionResponse;
}) {
  return (
    <Table<SchemaField>
      title={`Fields of v${schema.version} (${schema.format}, id ${schema.id})`}
      options={{ search: true, paging: false, padding: 'dense' }}
      columns={columns}
      data={schema.fields}
    />
  );
}
