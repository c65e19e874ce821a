import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit the rendered skeleton to a local git repository and register its catalog-info.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataMesh:repo:publishLocal',
          name: 'Publish the repository',
          input: {
            repoName: 'orders-placed-consumer',
          },
        },
        {
          id: 'register',
          action: 'debug:log',
          name: 'Show the registered entities',
          input: {
            message: '${{ steps.publish.output.entityRefs }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Commit only a sub-folder of the workspace, without registering anything',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataMesh:repo:publishLocal',
          name: 'Publish the repository',
          input: {
            repoName: 'orders-placed-docs',
            sourcePath: 'docs',
            registerCatalogInfo: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'Register a catalog file that describes an API instead of a Component; it must still describe exactly one entity',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataMesh:repo:publishLocal',
          name: 'Publish the repository',
          input: {
            repoName: 'orders-placed-api',
            allowedKinds: ['API'],
          },
        },
      ],
    }),
  },
];
