import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Deprecate a product in favour of its next major version and tell its consumers',
    example: yaml.stringify({
      steps: [
        {
          id: 'deprecate',
          action: 'dataMesh:product:deprecate',
          name: 'Deprecate the data product',
          input: {
            entityRef: 'dataproduct:default/orders-placed',
            sunset: '2030-06-30',
            reason: 'Moves to the v2 schema with split addresses.',
            replacement: 'dataproduct:default/orders-placed-v2',
          },
        },
      ],
    }),
  },
  {
    description: 'Deprecate a product that nothing replaces',
    example: yaml.stringify({
      steps: [
        {
          id: 'deprecate',
          action: 'dataMesh:product:deprecate',
          name: 'Deprecate the data product',
          input: {
            entityRef: '${{ parameters.product }}',
            sunset: '${{ parameters.sunset }}',
            reason: 'The legacy checkout is switched off.',
          },
        },
      ],
    }),
  },
];
