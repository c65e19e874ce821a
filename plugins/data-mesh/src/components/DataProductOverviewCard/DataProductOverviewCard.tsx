import { InfoCard, Link, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DataProductEntity,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { hasPii } from '../../lib';
import {
  DeprecationBanner,
  NotADataProduct,
  ReadableDuration,
  SlaTable,
  SlaWarningsAlert,
} from '../common';

function Fact({
  label,
  children,
}: {
  label: string;
  children: React.ReactNode;
}) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" display="block">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

/** The SLA (declared and effective), quality, classification and support of a product. */
export function DataProductOverview({ entity }: { entity: DataProductEntity }) {
  const { spec } = entity;
  const observed = spec.observed;
  const limiting = [...new Set(Object.values(observed?.limitedBy ?? {}))];
  return (
    <>
      <DeprecationBanner entity={entity} />
      {!observed && (
        <Box my={1}>
          <Alert severity="info">
            Not observed yet: the catalog provider has not checked the topic and
            inputs, so the effective SLA is unknown.
          </Alert>
        </Box>
      )}
      {observed?.topic.status === 'unknown' && (
        <Box my={1}>
          <WarningPanel
            title="Facts may be stale"
            message="Kafka could not be reached when this product was last processed."
          />
        </Box>
      )}
      {observed?.topic.status === 'missing' && (
        <Box my={1}>
          <Alert severity="error">
            Topic {spec.output.topic} does not exist on cluster{' '}
            {spec.output.cluster}.
          </Alert>
        </Box>
      )}
      {observed && observed.slaWarnings.length > 0 && (
        <Box my={1}>
          <SlaWarningsAlert
            title="Effective SLA is weaker than declared"
            limitedBy={limiting}
            warnings={observed.slaWarnings}
          />
        </Box>
      )}
      {observed && observed.missingInputs.length > 0 && (
        <Box my={1}>
          <Alert severity="info">
            Inputs not published, not counted in the effective SLA:{' '}
            {observed.missingInputs.join(', ')}
          </Alert>
        </Box>
      )}
      <SlaTable
        declared={spec.sla}
        effective={observed?.effectiveSla}
        limitedBy={observed?.limitedBy}
      />
      <Box display="flex" flexWrap="wrap" mt={2}>
        <Fact label="Quality">{spec.quality ?? 'not stated'}</Fact>
        <Fact label="Classification">
          {spec.classification ?? 'not stated'}
          {hasPii(entity) && (
            <Chip
              size="small"
              label="PII"
              color="secondary"
              style={{ marginLeft: 8 }}
            />
          )}
        </Fact>
        <Fact label="Support hours">{spec.sla.supportHours}</Fact>
        {spec.sla.responseTime && (
          <Fact label="Response time">
            <ReadableDuration iso={spec.sla.responseTime} />
          </Fact>
        )}
        {spec.sla.retention && (
          <Fact label="Retention">
            <ReadableDuration iso={spec.sla.retention} />
          </Fact>
        )}
        <Fact label="On call">
          <Link to={spec.sla.onCall}>{spec.sla.onCall}</Link>
        </Fact>
        <Fact label="Topic">
          {spec.output.cluster}/{spec.output.topic} ({spec.output.format})
        </Fact>
      </Box>
    </>
  );
}

/** Entity card for DataProduct entities. */
export function DataProductOverviewCard() {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) {
    return <NotADataProduct />;
  }
  return (
    <InfoCard title="Data product">
      <DataProductOverview entity={entity} />
    </InfoCard>
  );
}
