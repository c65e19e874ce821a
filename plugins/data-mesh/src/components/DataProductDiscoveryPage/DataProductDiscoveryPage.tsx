import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DATA_CLASSIFICATIONS,
  DATA_PRODUCT_KIND,
  DATA_PRODUCT_LIFECYCLES,
  DATA_QUALITIES,
  DataProductEntity,
  ProductFreshness,
  QualityStatus,
  SLA_TIERS,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { consumerRefs, hasPii, ownerRefOf } from '../../lib';
import { CandidateStreamsCard } from './CandidateStreamsCard';
import { compareFreshness, FreshnessCell } from './FreshnessCell';
import { GovernanceRulesCard } from './GovernanceRulesCard';
import { useProductsFreshness } from '../../hooks/useProductsFreshness';
import { useProductsQualityStatus } from '../../hooks/useProductsQualityStatus';
import { QualityStatusCell } from './QualityStatusCell';

/** One row of the discovery table. */
export type DataProductRow = {
  id: string;
  entity: DataProductEntity;
  name: string;
  title: string;
  description: string;
  owner: string;
  domain: string;
  tier: string;
  quality: string;
  classification: string;
  lifecycle: string;
  pii: boolean;
  /** The declared SLA freshness, which the live state is judged against. */
  freshness: string;
  topicStatus: 'ok' | 'missing' | 'unknown' | 'unobserved';
  consumers: number;
  /** The live freshness, once the backend reported it. */
  live?: ProductFreshness;
  /** The contract monitor's verdict, once the backend reported it. */
  checks?: QualityStatus;
};

export type DataProductFilters = {
  search: string;
  domain: string;
  owner: string;
  tier: string;
  quality: string;
  classification: string;
  lifecycle: string;
  pii: '' | 'yes' | 'no';
  /** The contract monitor's status; applied once statuses are known. */
  checks?: '' | QualityStatus;
};

const emptyFilters: DataProductFilters = {
  search: '',
  domain: '',
  owner: '',
  tier: '',
  quality: '',
  classification: '',
  lifecycle: '',
  pii: '',
};

export function toRow(entity: DataProductEntity): DataProductRow {
  const observed = entity.spec.observed;
  return {
    id: stringifyEntityRef(entity),
    entity,
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description ?? '',
    owner: ownerRefOf(entity),
    domain: entity.spec.domain,
    tier: entity.spec.sla.tier,
    quality: entity.spec.quality ?? '',
    classification: entity.spec.classification ?? '',
    lifecycle: entity.spec.lifecycle,
    pii: hasPii(entity),
    freshness: entity.spec.sla.freshness,
    topicStatus: observed?.topic.status ?? 'unobserved',
    // Components and derived products (their processors) reading it.
    consumers: consumerRefs(entity).length,
  };
}

export function filterRows(
  rows: DataProductRow[],
  filters: DataProductFilters,
): DataProductRow[] {
  const text = filters.search.trim().toLocaleLowerCase('en-US');
  return rows.filter(row => {
    if (text) {
      const haystack = [
        row.name,
        row.title,
        row.description,
        ...(row.entity.metadata.tags ?? []),
      ]
        .join(' ')
        .toLocaleLowerCase('en-US');
      if (!haystack.includes(text)) return false;
    }
    if (filters.domain && row.domain !== filters.domain) return false;
    if (filters.owner && row.owner !== filters.owner) return false;
    if (filters.tier && row.tier !== filters.tier) return false;
    if (filters.quality && row.quality !== filters.quality) return false;
    if (filters.classification && row.classification !== filters.classification)
      return false;
    if (filters.lifecycle && row.lifecycle !== filters.lifecycle) return false;
    if (filters.pii && row.pii !== (filters.pii === 'yes')) return false;
    return true;
  });
}

const columns: TableColumn<DataProductRow>[] = [
  {
    title: 'Name',
    field: 'title',
    highlight: true,
    render: row => <EntityRefLink entityRef={row.entity} title={row.title} />,
  },
  { title: 'Description', field: 'description', width: '30%' },
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
  { title: 'Domain', field: 'domain' },
  { title: 'Tier', field: 'tier' },
  { title: 'Quality', field: 'quality' },
  {
    title: 'Checks',
    field: 'checks',
    render: row => <QualityStatusCell status={row.checks} />,
  },
  {
    title: 'Freshness',
    field: 'freshness',
    render: row => <FreshnessCell row={row} />,
    customSort: compareFreshness,
  },
  { title: 'Consumers', field: 'consumers', type: 'numeric' },
];

function FilterSelect(props: {
  id: keyof DataProductFilters;
  label: string;
  options: readonly string[];
  filters: DataProductFilters;
  onChange: (filters: DataProductFilters) => void;
}) {
  const { id, label, options, filters, onChange } = props;
  return (
    <TextField
      select
      fullWidth
      id={`data-mesh-filter-${id}`}
      label={label}
      value={filters[id] ?? ''}
      onChange={e => onChange({ ...filters, [id]: e.target.value })}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
    >
      <option value="">All</option>
      {options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}

/** The server's own error behind a failed request, else the error itself. */
function causeOf(error: Error): Error {
  const { cause } = error as { cause?: unknown };
  return cause instanceof Error ? cause : error;
}

function distinct(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))].sort();
}

/** How to publish, shown when the catalog holds no data product. */
export function PublishEmptyState() {
  return (
    <EmptyState
      missing="data"
      title="No data products published yet"
      description={
        <>
          Publish a Kafka topic as a data product with the{' '}
          <Link to="/create">Create data product</Link> template (or, for a
          topic that exists, Add a stream to the mesh), or with a descriptor
          through the data mesh REST API (
          <code>
            PUT /api/data-mesh/products/&lt;namespace&gt;/&lt;name&gt;
          </code>
          ). Published products show up here within seconds.
        </>
      }
    />
  );
}

/** The data products table with its search and filters. */
function DataProductsSection() {
  const catalogApi = useApi(catalogApiRef);
  const [filters, setFilters] = useState<DataProductFilters>(emptyFilters);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const response = await catalogApi.getEntities({
      filter: { kind: DATA_PRODUCT_KIND },
    });
    return response.items.filter(isDataProductEntity).map(toRow);
  }, [catalogApi]);

  const rows = useMemo(() => value ?? [], [value]);
  const filtered = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const freshness = useProductsFreshness(
    useMemo(() => filtered.map(row => row.id), [filtered]),
  );
  // The status is asked for the rows the other filters leave, then
  // filtered on, so that the request stays within the batch bound.
  const quality = useProductsQualityStatus(
    useMemo(() => filtered.map(row => row.id), [filtered]),
  );
  const visible = useMemo(
    () =>
      filtered
        .map(row => ({
          ...row,
          live: freshness.items?.[row.id],
          checks: quality.items?.[row.id],
        }))
        .filter(
          row =>
            !filters.checks ||
            (row.checks ?? 'unknown') === filters.checks,
        ),
    [filtered, freshness.items, quality.items, filters.checks],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load data products" />
    );
  }
  if (rows.length === 0) {
    return <PublishEmptyState />;
  }

  const select = (
    id: keyof DataProductFilters,
    label: string,
    options: readonly string[],
  ) => (
    <Grid item xs={6} sm={4} md={3} lg key={id}>
      <FilterSelect
        id={id}
        label={label}
        options={options}
        filters={filters}
        onChange={setFilters}
      />
    </Grid>
  );

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <TextField
          fullWidth
          id="data-mesh-search"
          label="Search data products"
          placeholder="Name, title, description or tag"
          value={filters.search}
          onChange={e => setFilters({ ...filters, search: e.target.value })}
          variant="outlined"
          size="small"
          inputProps={{ 'aria-label': 'Search data products' }}
        />
      </Grid>
      {select('domain', 'Domain', distinct(rows.map(r => r.domain)))}
      {select('owner', 'Owner', distinct(rows.map(r => r.owner)))}
      {select('tier', 'SLA tier', SLA_TIERS)}
      {select('quality', 'Quality', DATA_QUALITIES)}
      {select('classification', 'Classification', DATA_CLASSIFICATIONS)}
      {select('lifecycle', 'Lifecycle', DATA_PRODUCT_LIFECYCLES)}
      {select('pii', 'Personal data', ['yes', 'no'])}
      {select('checks', 'Quality checks', ['ok', 'failing', 'unknown'])}
      <Grid item xs={12}>
        {freshness.error && (
          <Typography variant="caption" color="textSecondary" role="status">
            Live freshness is unavailable ({causeOf(freshness.error).message});
            the promised freshness is shown instead.
          </Typography>
        )}
        <Table<DataProductRow>
          title={`Data products (${visible.length} of ${rows.length})`}
          options={{ search: false, paging: visible.length > 20, pageSize: 20 }}
          columns={columns}
          data={visible}
          isLoading={loading}
          actions={[
            {
              icon: () => <span aria-hidden>⟳</span>,
              tooltip: 'Reload',
              isFreeAction: true,
              onClick: () => retry(),
            },
          ]}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No data product matches the search and filters.
            </Typography>
          }
        />
      </Grid>
    </Grid>
  );
}

/**
 * The discovery table with its search and filters, and for owners the
 * candidate streams and the governance rules below it, without page chrome.
 */
export function DataProductDiscoveryContent() {
  return (
    <>
      <DataProductsSection />
      <Box mt={3}>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={7}>
            <CandidateStreamsCard />
          </Grid>
          <Grid item xs={12} lg={5}>
            <GovernanceRulesCard />
          </Grid>
        </Grid>
      </Box>
    </>
  );
}

/** The `/data-mesh` page: discovery of every published data product. */
export function DataProductDiscoveryPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Data mesh"
        subtitle="Kafka topics published as data products"
      />
      <Content>
        <ContentHeader title="Data products" />
        <DataProductDiscoveryContent />
      </Content>
    </Page>
  );
}
