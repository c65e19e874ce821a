export const examples: Array<{
  title: string;
  description: string;
  input: {
    descriptor: Record<string, any>;
    acknowledgeSlaAboveInputs?: boolean;
  };
}> = [
  {
    title: 'Check a new product before publishing it',
    description:
      'A product of the checkout team on an existing topic whose Avro schema is registered',
    input: {
      descriptor: {
        apiVersion: 'kafka-mesh.io/v1alpha1',
        kind: 'DataProduct',
        metadata: {
          name: 'orders-placed',
          title: 'Orders placed',
          description: 'Every order placed in the web shop, in real time.',
          tags: ['orders'],
        },
        spec: {
          owner: 'group:default/checkout-team',
          domain: 'checkout',
          lifecycle: 'production',
          output: {
            cluster: 'local',
            topic: 'checkout.orders-placed.v1',
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
          quality: 'curated',
          classification: 'internal',
        },
      },
    },
  },
  {
    title: 'A product built from another, promising more than its input',
    description:
      'Accepts an SLA above the inputs: the answer lists it in slaWarnings and gives the effective SLA',
    input: {
      descriptor: {
        apiVersion: 'kafka-mesh.io/v1alpha1',
        kind: 'DataProduct',
        metadata: {
          name: 'orders-enriched',
          description: 'Orders placed, joined with the customer profile.',
        },
        spec: {
          owner: 'group:default/checkout-team',
          domain: 'checkout',
          lifecycle: 'production',
          inputs: ['dataproduct:default/orders-placed'],
          output: {
            cluster: 'local',
            topic: 'checkout.orders-enriched.v1',
            format: 'avro',
          },
          sla: {
            tier: 'tier-1',
            availability: 99.9,
            freshness: 'PT1M',
            supportHours: '24x7',
            onCall: 'https://oncall.example.com/checkout',
          },
        },
      },
      acknowledgeSlaAboveInputs: true,
    },
  },
];
