import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the Avro value schema of a tier-2 product; the subject gets the tier minimum compatibility',
    example: yaml.stringify({
      steps: [
        {
          id: 'schema',
          action: 'schemaRegistry:schema:register',
          name: 'Register the schema',
          input: {
            subject: 'commerce.orders-placed.v1-value',
            format: 'avro',
            slaTier: 'tier-2',
            schema: JSON.stringify({
              type: 'record',
              name: 'OrderPlaced',
              namespace: 'commerce',
              fields: [
                { name: 'orderId', type: 'string' },
                { name: 'amount', type: 'double' },
              ],
            }),
          },
        },
      ],
    }),
  },
  {
    description:
      'Register a JSON Schema with an explicit compatibility level, from a form field',
    example: yaml.stringify({
      steps: [
        {
          id: 'schema',
          action: 'schemaRegistry:schema:register',
          name: 'Register the schema',
          input: {
            subject: '${{ steps.validate.output.subject }}',
            format: 'json',
            schema: '${{ parameters.schema }}',
            compatibility: 'FULL',
            slaTier: '${{ parameters.sla.tier }}',
          },
        },
      ],
    }),
  },
];
