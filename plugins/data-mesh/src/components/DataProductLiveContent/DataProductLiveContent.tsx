import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  ConsumerGroupLag,
  DataProductEntity,
  FreshnessStatus,
  PartitionHealth,
  ProductRootCause,
  SampleRecord,
  dataMeshSamplesReadPermission,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DataProductId, dataMeshApiRef } from '../../api';
import { formatMs, isStale, productIdOf } from '../../lib';
import { ErrorPanel, NotADataProduct, statusOf } from '../common';
import { QualitySection } from './QualitySection';
import { ThroughputSparkline } from './ThroughputSparkline';

const FRESHNESS_LABELS: Record<FreshnessStatus, string> = {
  ok: 'Fresh',
  'at-risk': 'At risk',
  breached: 'SLA breached',
  unknown: 'Unknown',
};

/** A status chip for the freshness of the newest record against the SLA. */
export function FreshnessStatusChip({ status }: { status: FreshnessStatus }) {
  const label = FRESHNESS_LABELS[status];
  const props = { 'aria-label': `Freshness: ${label}` } as {};
  switch (status) {
    case 'ok':
      return <StatusOK {...props}>{label}</StatusOK>;
    case 'at-risk':
      return <StatusWarning {...props}>{label}</StatusWarning>;
    case 'breached':
      return <StatusError {...props}>{label}</StatusError>;
    default:
      return <StatusAborted {...props}>{label}</StatusAborted>;
  }
}

function RefreshButton({
  onClick,
  label,
}: {
  onClick: () => void;
  label: string;
}) {
  return (
    <Button size="small" onClick={onClick} aria-label={label}>
      Refresh
    </Button>
  );
}

function StaleNotice({ observedAt }: { observedAt: string }) {
  if (!isStale(observedAt)) return null;
  return (
    <Box mb={2}>
      <Alert severity="warning">
        These figures were observed at {observedAt} and may be stale.
      </Alert>
    </Box>
  );
}

function recordCount(p: PartitionHealth): string {
  try {
    return (BigInt(p.endOffset) - BigInt(p.startOffset)).toString();
  } catch {
    return '';
  }
}

const partitionColumns: TableColumn<PartitionHealth>[] = [
  { title: 'Partition', field: 'partition', type: 'numeric' },
  { title: 'Start offset', field: 'startOffset' },
  { title: 'End offset', field: 'endOffset' },
  { title: 'Records', render: p => recordCount(p) },
  {
    title: 'Newest record',
    field: 'newestRecordAt',
    render: p => p.newestRecordAt ?? 'empty',
  },
];

/** Why the freshness SLA is breached: the upstream product at fault. */
function RootCauseNotice({ rootCause }: { rootCause: ProductRootCause }) {
  return (
    <Box mb={2}>
      <Alert severity="error" data-testid="root-cause">
        <Typography variant="body2">
          <strong>Root cause:</strong>{' '}
          {rootCause.reason === 'upstream-breached'
            ? 'the upstream product '
            : 'the processor of '}
          <EntityRefLink entityRef={rootCause.product} />
          {rootCause.reason === 'upstream-breached'
            ? ' is itself breaching its freshness SLA.'
            : ' is lagging behind its inputs.'}
        </Typography>
        <Typography variant="body2">{rootCause.detail}</Typography>
      </Alert>
    </Box>
  );
}

function HealthSection({ product }: { product: DataProductId }) {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getHealth(product),
    [api, product],
  );
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <ErrorPanel error={error} title="Could not read the topic's health" />
    );
  }
  if (!value) return null;
  const { freshness } = value;
  return (
    <>
      <InfoCard
        title="Freshness and throughput"
        action={<RefreshButton onClick={retry} label="Refresh health" />}
      >
        <StaleNotice observedAt={value.observedAt} />
        {value.rootCause && <RootCauseNotice rootCause={value.rootCause} />}
        <Box display="flex" flexWrap="wrap" alignItems="baseline">
          <Box mr={4} mb={1}>
            <Typography variant="caption" color="textSecondary" display="block">
              Freshness
            </Typography>
            <FreshnessStatusChip status={freshness.status} />
            <Typography variant="body2">
              Newest record {formatMs(freshness.ageMs)} old; the SLA promises{' '}
              {formatMs(freshness.slaMs)}.
            </Typography>
          </Box>
          <Box mr={4} mb={1}>
            <Typography variant="caption" color="textSecondary" display="block">
              Throughput
            </Typography>
            <Box display="flex" alignItems="center">
              <Box mr={1}>
                <Typography variant="body2">
                  {value.throughputPerSecond.toLocaleString('en-US', {
                    maximumFractionDigits: 1,
                  })}{' '}
                  records/s
                </Typography>
              </Box>
              <ThroughputSparkline history={value.throughputHistory} />
            </Box>
          </Box>
          {value.sizeBytes !== undefined && (
            <Box mr={4} mb={1}>
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                Size
              </Typography>
              <Typography variant="body2">
                {(value.sizeBytes / 1024 / 1024).toFixed(1)} MiB
              </Typography>
            </Box>
          )}
          <Box mr={4} mb={1}>
            <Typography variant="caption" color="textSecondary" display="block">
              Topic
            </Typography>
            <Typography variant="body2">
              <code>{value.topic}</code>
            </Typography>
          </Box>
        </Box>
      </InfoCard>
      <Box mt={3}>
        <Table<PartitionHealth>
          title="Partitions"
          options={{ search: false, paging: false, padding: 'dense' }}
          columns={partitionColumns}
          data={value.partitions}
        />
      </Box>
    </>
  );
}

const consumerColumns: TableColumn<ConsumerGroupLag>[] = [
  { title: 'Consumer group', field: 'groupId', highlight: true },
  { title: 'State', field: 'state' },
  {
    title: 'Total lag',
    field: 'totalLag',
    type: 'numeric',
    defaultSort: 'desc',
  },
  {
    title: 'Component',
    field: 'component',
    render: group => {
      if (!group.component && !group.product) {
        return (
          <Typography variant="body2" color="textSecondary">
            not in the catalog
          </Typography>
        );
      }
      return (
        <>
          {group.component && (
            <EntityRefLink
              entityRef={group.component}
              defaultKind="component"
            />
          )}
          {group.component && group.product && <br />}
          {group.product && (
            <Typography variant="body2" component="span">
              processor of{' '}
              <EntityRefLink
                entityRef={group.product}
                defaultKind="dataproduct"
              />
            </Typography>
          )}
        </>
      );
    },
  },
];

function ConsumersSection({ product }: { product: DataProductId }) {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getConsumers(product),
    [api, product],
  );
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <ErrorPanel error={error} title="Could not read the consumer groups" />
    );
  }
  if (!value) return null;
  return (
    <>
      <StaleNotice observedAt={value.observedAt} />
      <Table<ConsumerGroupLag>
        title="Consumer groups"
        options={{ search: false, paging: false, padding: 'dense' }}
        columns={consumerColumns}
        data={value.groups}
        actions={[
          {
            icon: () => <span aria-hidden>⟳</span>,
            tooltip: 'Refresh consumer groups',
            isFreeAction: true,
            onClick: () => retry(),
          },
        ]}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No consumer group reads this topic.
          </Typography>
        }
      />
    </>
  );
}

function SampleView({ record }: { record: SampleRecord }) {
  return (
    <Box component="li" mb={2}>
      <Typography variant="caption" color="textSecondary">
        Partition {record.partition}, offset {record.offset}, {record.timestamp}
        {record.key !== undefined ? `, key ${record.key}` : ''}
        {record.masked.length > 0
          ? ` (masked: ${record.masked.join(', ')})`
          : ''}
      </Typography>
      <pre
        aria-label={`Sample at offset ${record.offset}`}
        style={{ margin: 0, overflowX: 'auto' }}
      >
        {JSON.stringify(record.value, null, 2)}
      </pre>
    </Box>
  );
}

function SamplesSection({ product }: { product: DataProductId }) {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getSamples(product, { limit: 10 }),
    [api, product],
  );
  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error && statusOf(error) === 403) {
    body = (
      <WarningPanel
        severity="info"
        title="Sample messages are restricted"
        message={`You need permission ${dataMeshSamplesReadPermission.name} on this data product to read sample messages. Ask the owning team or a platform admin.`}
      />
    );
  } else if (error) {
    body = <ErrorPanel error={error} title="Could not read sample messages" />;
  } else if (value && value.records.length === 0) {
    body = <Typography>The topic holds no records.</Typography>;
  } else if (value) {
    body = (
      <>
        {!value.piiVisible && value.records.some(r => r.masked.length > 0) && (
          <Box mb={2}>
            <Alert severity="info">Personal data fields are masked.</Alert>
          </Box>
        )}
        <Box component="ul" p={0} style={{ listStyle: 'none' }}>
          {value.records.map(record => (
            <SampleView
              key={`${record.partition}:${record.offset}`}
              record={record}
            />
          ))}
        </Box>
      </>
    );
  }
  // Owners (who see personal data) are the ones who can fix the descriptor.
  const unlisted = value?.piiVisible ? value.unlistedPiiFields ?? [] : [];
  return (
    <InfoCard
      title="Sample messages"
      subheader="The newest records, as decoded by the data mesh backend"
      action={<RefreshButton onClick={retry} label="Refresh samples" />}
    >
      {unlisted.length > 0 && (
        <Box mb={2}>
          <Alert severity="warning">
            The schema marks {unlisted.join(', ')} as personal but piiFields
            does not list them; they are masked for other readers.
          </Alert>
        </Box>
      )}
      {body}
    </InfoCard>
  );
}

/** Live facts about a product's topic: freshness, partitions, consumers, samples. */
export function DataProductLive({ entity }: { entity: DataProductEntity }) {
  const namespace = entity.metadata.namespace;
  const name = entity.metadata.name;
  // Stable identity so the sections do not refetch on every render.
  const product = useMemo(
    () => productIdOf({ metadata: { namespace, name } } as DataProductEntity),
    [namespace, name],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <HealthSection product={product} />
      </Grid>
      <Grid item xs={12}>
        <ConsumersSection product={product} />
      </Grid>
      <Grid item xs={12}>
        <QualitySection product={product} />
      </Grid>
      <Grid item xs={12}>
        <SamplesSection product={product} />
      </Grid>
    </Grid>
  );
}

/** Entity content tab "Live" for DataProduct entities. */
export function DataProductLiveContent() {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) return <NotADataProduct />;
  return <DataProductLive entity={entity} />;
}
