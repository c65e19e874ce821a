import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type {
  QualityRule,
  QualityRuleHistory,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { TimeAgo } from '../common';
import { PassRateChart } from './PassRateChart';
import { measuredValue, ruleCaption } from './qualityText';

const percent = (rate: number | null) =>
  rate === null ? '—' : `${Math.round(rate * 100)}%`;

/**
 * One quality rule: its status, pass-rate chart, last check and the
 * failing examples of the newest check that had any.
 */
export function QualityRuleItem(props: {
  rule: QualityRuleHistory;
  /** The rule as the descriptor declares it, when it still does. */
  declared?: QualityRule;
}) {
  const { rule, declared } = props;
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
            {ruleCaption(rule, declared)}
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
              Last check <TimeAgo at={last.checkedAt} />: value{' '}
              {measuredValue(rule, last.value)} over {last.checked} records
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
