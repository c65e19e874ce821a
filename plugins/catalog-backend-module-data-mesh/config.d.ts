import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  dataMesh?: {
    catalog?: {
      /**
       * How often topic metadata and schema registry facts are re-read for
       * every product and the whole set is given to the catalog again (a
       * `full` mutation, which restores entities deleted through the catalog
       * API and repairs a failed write); descriptor changes are applied as
       * they arrive.
       * @default { frequency: { minutes: 5 }, timeout: { minutes: 2 }, initialDelay: { minutes: 1 } }
       */
      enrichmentSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often consumer groups and their committed offsets are read, to
       * link consuming components to the products they read.
       * @default { frequency: { minutes: 1 }, timeout: { minutes: 1 } }
       */
      consumerGroupSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
