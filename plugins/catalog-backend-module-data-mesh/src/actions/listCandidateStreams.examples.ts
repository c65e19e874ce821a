export const examples: Array<{
  title: string;
  description: string;
  input: Record<string, never>;
}> = [
  {
    title: 'Streams that could become data products',
    description:
      'Every topic with a registered value schema that no data product publishes yet, with its cluster, subject and format',
    input: {},
  },
];
