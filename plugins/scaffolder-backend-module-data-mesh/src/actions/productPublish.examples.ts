import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish a product once its topic and schema exist, and link to its catalog page',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataMesh:product:publish',
          name: 'Publish the data product',
          input: {
            descriptor: {
              apiVersion: 'kafka-mesh.io/v1alpha1',
              kind: 'DataProduct',
              metadata: {
                name: 'orders-placed',
                title: 'Orders placed',
                description:
                  'Every order placed in the web shop, in real time.',
                tags: ['orders'],
              },
              spec: {
                owner: 'group:default/checkout-team',
                domain: 'commerce',
                lifecycle: 'production',
                output: {
                  cluster: 'local',
                  topic: 'commerce.orders-placed.v1',
                  format: 'avro',
                },
                sla: {
                  tier: 'tier-2',
                  availability: 99.5,
                  freshness: 'PT5M',
                  retention: 'P7D',
                  supportHours: 'business-hours',
                  onCall: 'https://oncall.example.com/checkout',
                },
              },
            },
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Open the data product',
            url: '${{ steps.publish.output.entityPath }}',
          },
        ],
      },
    }),
  },
  {
    description:
      'Publish without waiting for the catalog, accepting an SLA above the inputs',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataMesh:product:publish',
          name: 'Publish the data product',
          input: {
            descriptor: '${{ steps.descriptor.output.descriptor }}',
            acknowledgeSlaAboveInputs: true,
            waitForCatalog: false,
          },
        },
      ],
    }),
  },
];
