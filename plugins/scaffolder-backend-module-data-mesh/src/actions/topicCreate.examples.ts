import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create the topic of a tier-2 product with the tier defaults for retention and cleanup policy',
    example: yaml.stringify({
      steps: [
        {
          id: 'topic',
          action: 'kafka:topic:create',
          name: 'Create the topic',
          input: {
            cluster: 'local',
            topic: 'commerce.orders-placed.v1',
            domain: 'commerce',
            name: 'orders-placed',
            partitions: 3,
            slaTier: 'tier-2',
          },
        },
      ],
    }),
  },
  {
    description: 'Create a compacted topic that keeps records for 30 days',
    example: yaml.stringify({
      steps: [
        {
          id: 'topic',
          action: 'kafka:topic:create',
          name: 'Create the topic',
          input: {
            cluster: 'local',
            topic: 'customers.customer-profiles.v1',
            domain: 'customers',
            name: 'customer-profiles',
            slaTier: 'tier-1',
            retention: 'P30D',
            cleanupPolicy: 'compact,delete',
          },
        },
      ],
    }),
  },
];
