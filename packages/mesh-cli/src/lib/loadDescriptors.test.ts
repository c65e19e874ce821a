import { findDuplicateIds, loadDescriptors } from './loadDescriptors';

const descriptor = (
  name: string,
  extra = '',
) => `apiVersion: kafka-mesh.io/v1alpha1
kind: DataProduct
metadata:
  name: ${name}
${extra}spec:
  owner: group:default/team
  domain: commerce
  lifecycle: production
  output:
    cluster: local
    topic: ${name}.v1
    format: json
  sla:
    tier: tier-2
    availability: 99.5
    freshness: PT5M
    supportHours: business-hours
    onCall: https://oncall.example.com
`;

describe('loadDescriptors', () => {
  it('loads every document of a multi-document file, skipping empty ones', () => {
    const text = `# two products\n${descriptor(
      'orders-placed',
    )}---\n${descriptor('payments-settled', '  namespace: payments\n')}---\n`;
    const result = loadDescriptors(text, 'products.yaml');
    if (!result.valid) throw new Error(result.problems.join('\n'));
    expect(
      result.descriptors.map(({ id, file, document }) => ({
        id,
        file,
        document,
      })),
    ).toEqual([
      { id: 'default/orders-placed', file: 'products.yaml', document: 1 },
      { id: 'payments/payments-settled', file: 'products.yaml', document: 2 },
    ]);
    expect(result.descriptors[0].entity.spec.output.topic).toBe(
      'orders-placed.v1',
    );
  });

  it('explains every problem by file, document and field', () => {
    const invalid = descriptor('bad-one')
      .replace('format: json', 'format: xml')
      .replace('availability: 99.5', 'availability: 101')
      .replace('    onCall: https://oncall.example.com\n', '');
    const text = `${descriptor(
      'good-one',
    )}---\n${invalid}---\n- a list\n---\nmetadata:\n  name: Not Valid!\n`;
    expect(loadDescriptors(text, 'products.yaml')).toEqual({
      valid: false,
      problems: [
        'products.yaml: bad-one: spec.output.format: must be one of avro, json, protobuf',
        'products.yaml: bad-one: spec.sla.onCall: is required',
        'products.yaml: bad-one: spec.sla.availability: must be <= 100',
        'products.yaml: #3: must be an object',
        "products.yaml: Not Valid!: metadata.name: 'Not Valid!' is not a valid entity name: 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
        'products.yaml: Not Valid!: apiVersion: is required',
        'products.yaml: Not Valid!: kind: is required',
        'products.yaml: Not Valid!: spec: is required',
      ],
    });
  });

  it('reports YAML syntax errors with their position', () => {
    expect(
      loadDescriptors(
        `${descriptor(
          'orders-placed',
        )}---\nmetadata:\n  name: x\n  name: y\n---\nspec: [1, 2\n`,
        'broken.yaml',
      ),
    ).toEqual({
      valid: false,
      problems: [
        'broken.yaml: #2: not valid YAML: Map keys must be unique at line 22, column 3',
        'broken.yaml: #3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 25, column 1',
      ],
    });
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing yet\n'],
    ['only separators', '---\n---\n'],
  ])('rejects %s', (_, text) => {
    expect(loadDescriptors(text, 'empty.yaml')).toEqual({
      valid: false,
      problems: ['empty.yaml: contains no descriptors'],
    });
  });

  it('enforces the size limit of the registry topic', () => {
    const result = loadDescriptors(descriptor('orders-placed'), 'big.yaml', {
      maxBytes: 100,
    });
    expect(result).toEqual({
      valid: false,
      problems: [
        expect.stringMatching(
          /^big\.yaml: orders-placed: the descriptor is \d+ bytes as JSON, more than the limit of 100$/,
        ),
      ],
    });
  });
});

describe('findDuplicateIds', () => {
  it('names both places that define one product id', () => {
    const a = loadDescriptors(
      `${descriptor('orders-placed')}---\n${descriptor('orders-placed')}`,
      'a.yaml',
    );
    const b = loadDescriptors(descriptor('orders-placed'), 'b.yaml');
    if (!a.valid || !b.valid) throw new Error('expected valid descriptors');
    expect(findDuplicateIds([...a.descriptors, ...b.descriptors])).toEqual([
      'a.yaml: orders-placed: default/orders-placed is already defined by document #1',
      'b.yaml: orders-placed: default/orders-placed is already defined by document a.yaml #1',
    ]);
  });
});
