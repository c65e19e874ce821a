import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Give a new consumer app 20 test records of the product it reads',
    example: yaml.stringify({
      steps: [
        {
          id: 'test-data',
          action: 'dataMesh:synthetic:write',
          name: 'Write test data',
          input: {
            entityRef: 'dataproduct:default/orders-placed',
            path: 'test-data/orders-placed.json',
          },
        },
      ],
    }),
  },
  {
    description:
      'Write a larger, reproducible set for a load test, from a form field',
    example: yaml.stringify({
      steps: [
        {
          id: 'test-data',
          action: 'dataMesh:synthetic:write',
          name: 'Write test data',
          input: {
            entityRef: '${{ parameters.product }}',
            count: 500,
            seed: 7,
            path: 'src/test/resources/records.json',
          },
        },
      ],
    }),
  },
];
