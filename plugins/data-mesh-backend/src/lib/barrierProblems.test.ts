import { barrierProblems } from './barrierProblems';

describe('barrierProblems', () => {
  it("lists the barrier's problems, one each, with their details", () => {
    expect(
      barrierProblems(
        [
          'The data product dataproduct:default/orders cannot be published:',
          '  - metadata.description: is required to publish',
          "  - the schema is not BACKWARD compatible with the subject 'orders-value' (newest version 1):",
          "    - field 'amount' was added without a default",
          "    - field 'id' changed type",
          '  - spec.owner: group:default/nobody does not exist in the catalog',
        ].join('\n'),
      ),
    ).toEqual([
      'metadata.description: is required to publish',
      "the schema is not BACKWARD compatible with the subject 'orders-value' (newest version 1):\n- field 'amount' was added without a default\n- field 'id' changed type",
      'spec.owner: group:default/nobody does not exist in the catalog',
    ]);
  });

  it('gives a one-sentence refusal as its reason', () => {
    expect(
      barrierProblems(
        "The data product dataproduct:default/orders cannot be published: its topic 'o' does not exist on the cluster 'local'; create it first (kafka:topic:create)",
      ),
    ).toEqual([
      "its topic 'o' does not exist on the cluster 'local'; create it first (kafka:topic:create)",
    ]);
    expect(
      barrierProblems(
        "The topic 'o' on the cluster 'local' is already published as dataproduct:default/other; a topic belongs to one data product.",
      ),
    ).toEqual([
      "The topic 'o' on the cluster 'local' is already published as dataproduct:default/other; a topic belongs to one data product.",
    ]);
  });
});
