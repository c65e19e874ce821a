import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  QualityCheckPoint,
  QualityRuleHistory,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { DataProductId, dataMeshApiRef } from '../../api';
import { ErrorPanel } from '../common';

const WIDTH = 240;
const HEIGHT = 40;
const PAD = 3;
/** Checks per plotted point: the pass rate of each bucket of checks. */
const BUCKETS = 24;

/**
 * The pass rate over time: the series cut into up to {@link BUCKETS}
 * consecutive buckets of checks, each the share of its checks that passed.
 */
export function passRateBuckets(series: QualityCheckPoint[]): number[] {
  if (series.length === 0) return [];
  const size = Math.max(1, Math.ceil(series.length / BUCKETS));
  const out: number[] = [];
  for (let i = 0; i < series.length; i += size) {
    const bucket = series.slice(i, i + size);
    out.push(bucket.filter(p => p.passed).length / bucket.length);
  }
  return out;
}

/** A small SVG line of pass rates (0..1), oldest first. */
export function PassRateChart({
  rule,
  series,
}: {
  rule: string;
  series: QualityCheckPoint[];
}) {
  const theme = useTheme();
  const rates = passRateBuckets(series);
  if (rates.length === 0) return null;
  const step = rates.length > 1 ? (WIDTH - 2 * PAD) / (rates.length - 1) : 0;
  const points = rates.map((rate, i) => {
    const x = rates.length > 1 ? PAD + i * step : WIDTH / 2;
    const y = HEIGHT - PAD - rate * (HEIGHT - 2 * PAD);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const last = rates[rates.length - 1];
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Pass rate of ${rule} over the last ${
        series.length
      } checks: ${rates.map(r => `${Math.round(r * 100)}%`).join(', ')}`}
      data-testid={`quality-chart-${rule}`}
    >
      <line
        x1={PAD}
        x2={WIDTH - PAD}
        y1={PAD}
        y2={PAD}
        stroke={theme.palette.divider}
        strokeDasharray="2 2"
      />
      <polyline
        fill="none"
        stroke={
          last === 1 ? theme.palette.success.main : theme.palette.error.main
        }
        strokeWidth={2}
        points={points.join(' ')}
      />
    </svg>
  );
}

const percent = (rate: number | null) =>
  rate === null ? '—' : `${Math.round(rate * 100)}%`;

function RuleRow({ rule }: { rule: QualityRuleHistory }) {
  const last = rule.lastCheck;
  let status;
  if (!last) status = <StatusPending>not checked</StatusPending>;
  else if (last.passed) status = <StatusOK>passing</StatusOK>;
  else status = <StatusError>failing</StatusError>;
  return (
    <Box
      component="li"
      mb={2}
      pb={2}
      borderBottom={1}
      borderColor="divider"
      data-testid={`quality-rule-${rule.rule}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <Box minWidth={220}>
          <Typography variant="subtitle2">{rule.rule}</Typography>
          <Typography variant="caption" color="textSecondary">
            {rule.metric} · {rule.severity}
          </Typography>
        </Box>
        <Box minWidth={120}>{status}</Box>
        <PassRateChart rule={rule.rule} series={rule.series} />
        <Box>
          <Typography variant="body2">
            Pass rate {percent(rule.passRate)} over {rule.series.length} checks
          </Typography>
          {last && (
            <Typography variant="caption" color="textSecondary">
              Last check {new Date(last.checkedAt).toLocaleString()}: value{' '}
              {last.value} over {last.checked} records
              {last.error ? ` (${last.error})` : ''}
            </Typography>
          )}
        </Box>
      </Box>
      {rule.failingExamples.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption">Failing examples</Typography>
          <Box
            component="pre"
            m={0}
            p={1}
            style={{ overflowX: 'auto', fontSize: 12 }}
          >
            {rule.failingExamples.map(e => JSON.stringify(e)).join('\n')}
          </Box>
        </Box>
      )}
    </Box>
  );
}

/**
 * The contract monitor's view of the product: each quality rule's pass
 * rate over time, its last check and failing examples (masked), and how
 * many records did not match the registered schema.
 */
export function QualitySection({ product }: { product: DataProductId }) {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getQuality(product),
    [api, product],
  );
  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ErrorPanel error={error} title="Could not read the quality checks" />
    );
  } else if (value) {
    const { conformance } = value;
    body = (
      <>
        <Box mb={2}>
          <Typography variant="body2" data-testid="quality-conformance">
            Schema conformance:{' '}
            {conformance.records - conformance.nonconforming} of{' '}
            {conformance.records} records checked matched the registered schema
            {conformance.skipped
              ? `; ${conformance.skipped} records passed over to keep checks bounded`
              : ''}
            {conformance.lastRunAt
              ? `. Last check ${new Date(
                  conformance.lastRunAt,
                ).toLocaleString()}.`
              : '. Not checked yet.'}
          </Typography>
        </Box>
        {value.rules.length === 0 ? (
          <Typography>
            No quality rule has been checked yet. Rules are declared in the
            descriptor's spec.qualityRules.
          </Typography>
        ) : (
          <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {value.rules.map(rule => (
              <RuleRow key={rule.rule} rule={rule} />
            ))}
          </Box>
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Quality"
      subheader="The contract's quality rules, checked continuously on new records"
      action={
        <Button size="small" onClick={retry} aria-label="Refresh quality">
          Refresh
        </Button>
      }
    >
      <div data-testid="quality-section">{body}</div>
    </InfoCard>
  );
}
