import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Ask for read access to a product for the team's service account, for 30 days",
    example: yaml.stringify({
      steps: [
        {
          id: 'access',
          action: 'dataMesh:access:request',
          name: 'Ask for access',
          input: {
            product: 'dataproduct:default/orders-placed',
            principal: 'resource:default/orders-app',
            groupPrefix: 'orders-app',
            purpose: 'Show the orders placed on the shop floor screens',
          },
        },
      ],
    }),
  },
  {
    description:
      "A new consumer app: access to each product it reads, for its consumer group, from the form's fields",
    example: yaml.stringify({
      steps: [
        {
          id: 'access',
          action: 'dataMesh:access:request',
          name: 'Ask for access',
          each: '${{ parameters.products }}',
          input: {
            product: '${{ each.value }}',
            principal: '${{ parameters.principal }}',
            groupPrefix: '${{ parameters.consumerGroup or parameters.name }}',
            purpose: '${{ parameters.description }}',
            duration: 'P90D',
          },
        },
      ],
    }),
  },
];
