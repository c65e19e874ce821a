import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

export interface DataMeshCatalogModuleConfig {
  enrichmentSchedule: SchedulerServiceTaskScheduleDefinition;
  consumerGroupSchedule: SchedulerServiceTaskScheduleDefinition;
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

/** The module's own settings under `dataMesh.catalog`, with defaults. */
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
  };
}
