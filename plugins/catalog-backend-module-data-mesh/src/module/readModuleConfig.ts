import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { GovernanceRules } from '@kafka-mesh/plugin-data-mesh-common';
import { readGovernanceRules } from '@kafka-mesh/plugin-data-mesh-node';

export interface DataMeshCatalogModuleConfig {
  enrichmentSchedule: SchedulerServiceTaskScheduleDefinition;
  consumerGroupSchedule: SchedulerServiceTaskScheduleDefinition;
  /** `dataMesh.governance`, flagged on every DataProduct. */
  governance: GovernanceRules;
}

function schedule(
  config: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const configured = config.getOptionalConfig(`dataMesh.catalog.${key}`);
  return configured
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
    : fallback;
}

/**
 * The module's own settings under `dataMesh.catalog`, and the suite's
 * governance rules, with defaults.
 */
export function readModuleConfig(config: Config): DataMeshCatalogModuleConfig {
  return {
    enrichmentSchedule: schedule(config, 'enrichmentSchedule', {
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
      initialDelay: { minutes: 1 },
    }),
    consumerGroupSchedule: schedule(config, 'consumerGroupSchedule', {
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
    }),
    governance: readGovernanceRules(config),
  };
}
