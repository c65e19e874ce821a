import { InfoCard } from '@backstage/core-components';
import type { ProductHealthResponse } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { FreshnessStatusChip } from './FreshnessStatusChip';
import { LiveFact } from './LiveFact';
import { RefreshButton } from './RefreshButton';
import { RootCauseAlert } from './RootCauseAlert';
import { StaleNotice } from './StaleNotice';
import { ThroughputSparkline } from './ThroughputSparkline';
import { freshnessText } from './freshnessText';

/**
 * The topic's freshness against its SLA (and the upstream product at fault
 * when it is breached), throughput with its last ten minutes, size and name.
 */
export function FreshnessThroughputCard(props: {
  health: ProductHealthResponse;
  onRefresh: () => void;
}) {
  const { health, onRefresh } = props;
  return (
    <InfoCard
      title="Freshness and throughput"
      action={<RefreshButton onClick={onRefresh} label="Refresh health" />}
    >
      <StaleNotice observedAt={health.observedAt} />
      {health.rootCause && <RootCauseAlert rootCause={health.rootCause} />}
      <Box display="flex" flexWrap="wrap" alignItems="baseline">
        <LiveFact label="Freshness">
          <FreshnessStatusChip status={health.freshness.status} />
          <Typography variant="body2">
            {freshnessText(health.freshness)}
          </Typography>
        </LiveFact>
        <LiveFact label="Throughput">
          <Box display="flex" alignItems="center">
            <Box mr={1}>
              <Typography variant="body2">
                {health.throughputPerSecond.toLocaleString('en-US', {
                  maximumFractionDigits: 1,
                })}{' '}
                records/s
              </Typography>
            </Box>
            <ThroughputSparkline history={health.throughputHistory} />
          </Box>
        </LiveFact>
        {health.sizeBytes !== undefined && (
          <LiveFact label="Size">
            <Typography variant="body2">
              {(health.sizeBytes / 1024 / 1024).toFixed(1)} MiB
            </Typography>
          </LiveFact>
        )}
        <LiveFact label="Topic">
          <Typography variant="body2">
            <code>{health.topic}</code>
          </Typography>
        </LiveFact>
      </Box>
    </InfoCard>
  );
}
