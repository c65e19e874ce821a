import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check who and what a new schema version affects before registering it; fail the run on breakage',
    example: yaml.stringify({
      steps: [
        {
          id: 'impact',
          action: 'dataMesh:schema:impact',
          name: 'Check the impact of the new schema',
          input: {
            entityRef: 'dataproduct:default/orders-placed',
            schema: '${{ parameters.schema }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Report the impact over the newest 500 records, and go on even when it breaks readers (a new major version)',
    example: yaml.stringify({
      steps: [
        {
          id: 'impact',
          action: 'dataMesh:schema:impact',
          name: 'Report the impact of the new schema',
          input: {
            entityRef: 'dataproduct:default/orders-placed',
            schema: '${{ parameters.schema }}',
            records: 500,
            allowBreaking: true,
          },
        },
      ],
    }),
  },
];
