import { DEFAULT_GOVERNANCE_RULES } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { governanceProblems } from './governanceProblems';
import type { LoadedDescriptor } from './loadDescriptors';

const loaded = (name: string, topic: string): LoadedDescriptor => ({
  id: `default/${name}`,
  entity: makeDataProduct(name, topic),
  file: 'products.yaml',
  document: 1,
});

describe('governanceProblems', () => {
  it('has nothing to say about descriptors that keep the rules', () => {
    expect(
      governanceProblems(
        [loaded('orders', 'commerce.orders.v1')],
        DEFAULT_GOVERNANCE_RULES,
      ),
    ).toEqual([]);
  });

  it('writes one line per violation, naming the file and the product', () => {
    expect(
      governanceProblems(
        [
          loaded('orders', 'commerce.orders.v1'),
          loaded('payments', 'payments-v1'),
        ],
        { ...DEFAULT_GOVERNANCE_RULES, allowedFormats: ['protobuf'] },
      ),
    ).toEqual([
      'products.yaml: orders: spec.output.format: format avro is not allowed; allowed: protobuf (rule allowed-formats, set by dataMesh.governance.allowedFormats)',
      'products.yaml: payments: spec.output.format: format avro is not allowed; allowed: protobuf (rule allowed-formats, set by dataMesh.governance.allowedFormats)',
      "products.yaml: payments: spec.output.topic: topic 'payments-v1' does not follow the naming rule '{domain}.{name}.v{major}', e.g. 'commerce.payments.v1' (rule topic-naming, set by dataMesh.governance.topicNaming)",
    ]);
  });
});
