export const examples: Array<{
  title: string;
  description: string;
  input: { entityRef: string };
}> = [
  {
    title: 'The contract of a product',
    description:
      'Owner, on-call, SLA and effective SLA, latest schema and lineage of orders-placed',
    input: { entityRef: 'dataproduct:default/orders-placed' },
  },
  {
    title: 'By name alone',
    description:
      'Kind and namespace may be left out: DataProduct in the default namespace',
    input: { entityRef: 'payments-settled' },
  },
];
