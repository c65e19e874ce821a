import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  GovernanceRules,
  SLA_TIERS,
} from '@kafka-mesh/plugin-data-mesh-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { dataMeshApiRef } from '../../api';
import { ErrorPanel } from '../common';

const listOrNone = (values: string[]) =>
  values.length ? values.join(', ') : 'none';

function retentionRange({ min, max }: GovernanceRules['retention']): string {
  if (min && max) return `${min} to ${max}`;
  if (min) return `at least ${min}`;
  if (max) return `at most ${max}`;
  return 'any';
}

/** One row per rule, in the order an owner meets them when publishing. */
function ruleRows(rules: GovernanceRules): Array<[string, ReactNode]> {
  return [
    ['Schema formats', rules.allowedFormats.join(', ')],
    ['Topic names', <code>{rules.topicNaming}</code>],
    [
      'Minimum schema compatibility',
      SLA_TIERS.map(
        tier => `${tier}: ${rules.minCompatibility[tier] ?? 'any'}`,
      ).join(' · '),
    ],
    ['Required fields', listOrNone(rules.requiredFields)],
    ['Required tags', listOrNone(rules.requiredTags)],
    [
      'Partitions',
      `${rules.partitions.min} to ${rules.partitions.max}, default ${rules.partitions.default}`,
    ],
    [
      'Replication factor',
      `${rules.replicationFactor} (at most the number of brokers)`,
    ],
    ['Retention', retentionRange(rules.retention)],
    [
      'New topics per tier',
      SLA_TIERS.map(tier => {
        const defaults = rules.topicDefaults[tier];
        return `${tier}: ${defaults.retention}, ${defaults.cleanupPolicy}`;
      }).join(' · '),
    ],
  ];
}

/**
 * The publishing rules of the organisation (`dataMesh.governance`), so owners
 * know them before the templates check them. Fails on its own.
 */
export function GovernanceRulesCard() {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error } = useAsync(
    () => api.getGovernanceRules(),
    [api],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ErrorPanel error={error} title="Could not load the governance rules" />
    );
  } else if (value) {
    body = (
      <Table size="small" aria-label="Governance rules">
        <TableBody>
          {ruleRows(value.rules).map(([rule, setting]) => (
            <TableRow key={rule}>
              <TableCell component="th" scope="row">
                {rule}
              </TableCell>
              <TableCell>{setting}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="Governance rules"
      subheader={
        // One element: the card lays its subheader's children out in a row.
        <span>
          Every product published through the templates is checked against these
          first. Set in <code>dataMesh.governance</code>.
        </span>
      }
    >
      {body}
    </InfoCard>
  );
}
