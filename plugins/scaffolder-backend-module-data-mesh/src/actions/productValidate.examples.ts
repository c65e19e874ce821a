import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check a new product, its Avro schema and its topic size before anything is created',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'dataMesh:product:validate',
          name: 'Check the publish barrier',
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
            schema: {
              format: 'avro',
              content: JSON.stringify({
                type: 'record',
                name: 'OrderPlaced',
                namespace: 'commerce',
                fields: [
                  { name: 'orderId', type: 'string' },
                  { name: 'amount', type: 'double' },
                ],
              }),
            },
            partitions: 3,
          },
        },
      ],
    }),
  },
  {
    description:
      'Check an existing stream whose schema is registered already, accepting an SLA above its inputs',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'dataMesh:product:validate',
          name: 'Check the publish barrier',
          input: {
            descriptor: '${{ steps.descriptor.output.descriptor }}',
            acknowledgeSlaAboveInputs: true,
          },
        },
      ],
    }),
  },
];
