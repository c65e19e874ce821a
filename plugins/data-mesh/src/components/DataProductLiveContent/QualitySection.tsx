import { InfoCard, Progress } from '@backstage/core-components';
import type { QualityRule } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { DataProductId } from '../../api';
import { ErrorPanel, TimeAgo } from '../common';
import { QualityRuleItem } from './QualityRuleItem';
import { useProductQuality } from './useProductQuality';

/**
 * The contract monitor's view of the product: each quality rule's pass
 * rate over time, its last check and failing examples (masked), and how
 * many records did not match the registered schema.
 */
export function QualitySection(props: {
  product: DataProductId;
  /** The descriptor's rules, for what the history does not carry (windows). */
  rules?: QualityRule[];
}) {
  const { value, loading, error, retry } = useProductQuality(props.product);
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
            {conformance.lastRunAt ? (
              <>
                . Last check <TimeAgo at={conformance.lastRunAt} />.
              </>
            ) : (
              '. Not checked yet.'
            )}
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
              <QualityRuleItem
                key={rule.rule}
                rule={rule}
                declared={props.rules?.find(r => r.name === rule.rule)}
              />
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
