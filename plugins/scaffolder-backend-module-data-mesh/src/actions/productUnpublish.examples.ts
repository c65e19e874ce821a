import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Unpublish a product nobody reads any more; its topic and data stay',
    example: yaml.stringify({
      steps: [
        {
          id: 'unpublish',
          action: 'dataMesh:product:unpublish',
          name: 'Unpublish the data product',
          input: {
            entityRef: 'dataproduct:default/orders-placed',
          },
        },
      ],
    }),
  },
];
