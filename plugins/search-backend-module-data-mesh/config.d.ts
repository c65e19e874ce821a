import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The DataProduct collator of
       * `@kafka-mesh/plugin-search-backend-module-data-mesh`. The schema
       * registry it reads field names from is `dataMesh.schemaRegistry`.
       */
      dataMesh?: {
        /**
         * When the data products are indexed again.
         * @default { frequency: { minutes: 10 }, timeout: { minutes: 15 }, initialDelay: { seconds: 3 } }
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Products read from the catalog per request, 1 to 1000.
         * @default 100
         */
        batchSize?: number;
      };
    };
  };
}
