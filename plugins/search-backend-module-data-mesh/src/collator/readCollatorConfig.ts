import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where the collator's settings live. */
export const CONFIG_KEY = 'search.collators.dataMesh';

/**
 * As the catalog collator: every 10 minutes, the first run soon after
 * start so that a fresh backend has products to find.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

/** Products per catalog request. */
export const DEFAULT_BATCH_SIZE = 100;
const MAX_BATCH_SIZE = 1000;

/** `search.collators.dataMesh`, with defaults. */
export interface DataProductCollatorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  batchSize: number;
}

/**
 * Reads `search.collators.dataMesh`; a wrong value fails at startup with
 * its key.
 */
export function readCollatorConfig(config: Config): DataProductCollatorConfig {
  const own = config.getOptionalConfig(CONFIG_KEY);
  const scheduleConfig = own?.getOptionalConfig('schedule');
  let schedule = DEFAULT_SCHEDULE;
  if (scheduleConfig) {
    try {
      schedule =
        readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
    } catch (error) {
      throw new InputError(
        `Invalid config at ${CONFIG_KEY}.schedule: ${(error as Error).message}`,
      );
    }
  }
  const batchSize = own?.getOptionalNumber('batchSize') ?? DEFAULT_BATCH_SIZE;
  if (
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    batchSize > MAX_BATCH_SIZE
  ) {
    throw new InputError(
      `Invalid config at ${CONFIG_KEY}.batchSize: ${batchSize} is not a whole number from 1 to ${MAX_BATCH_SIZE}`,
    );
  }
  return { schedule, batchSize };
}
