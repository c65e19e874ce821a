import { parse } from 'yaml';
import { fullDataProduct } from '../__fixtures__/dataProducts';
import {
  formatValidationErrors,
  validateDataProductEntity,
} from './validateDataProductEntity';

/** A deep copy of the full descriptor, changed by `edit`. */
function variant(edit: (entity: any) => void): unknown {
  const entity = structuredClone(fullDataProduct);
  edit(entity);
  return entity;
}

function errorsOf(entity: unknown) {
  const result = validateDataProductEntity(entity);
  if (result.valid) {
    throw new Error('expected the descriptor to be invalid');
  }
  return result.errors;
}

describe('validateDataProductEntity', () => {
  it('accepts a descriptor using every field', () => {
    expect(validateDataProductEntity(fullDataProduct)).toEqual({
      valid: true,
      entity: fullDataProduct,
    });
  });

  it('accepts the consumer groups of the processor', () => {
    const entity = variant(e => {
      e.spec.processor = {
        consumerGroups: ['demo-mesh.high-value-orders', 'orders_v2-replay'],
      };
    });
    expect(validateDataProductEntity(entity).valid).toBe(true);
  });

  it('accepts a minimal hand-written catalog-info.yaml', () => {
    const entity = parse(`
apiVersion: kafka-mesh.io/v1alpha1
kind: DataProduct
metadata:
  name: payments-settled
spec:
  owner: payments-team
  domain: payments
  lifecycle: experimental
  output:
    cluster: local
    topic: payments.settled.v1
    format: json
  sla:
    tier: tier-3
    availability: 99
    freshness: PT1H
    supportHours: business-hours
    onCall: mailto:payments@example.com
`);
    expect(validateDataProductEntity(entity).valid).toBe(true);
  });

  it.each([
    [
      'a missing required field',
      (e: any) => delete e.spec.sla.onCall,
      'spec.sla.onCall',
      'is required',
    ],
    ['a missing spec', (e: any) => delete e.spec, 'spec', 'is required'],
    [
      'a value above the maximum',
      (e: any) => (e.spec.sla.availability = 100.5),
      'spec.sla.availability',
      'must be <= 100',
    ],
    [
      'a value below the minimum',
      (e: any) => (e.spec.sla.availability = -1),
      'spec.sla.availability',
      'must be >= 0',
    ],
    [
      'a value outside an enum',
      (e: any) => (e.spec.output.format = 'xml'),
      'spec.output.format',
      'must be one of avro, json, protobuf',
    ],
    [
      'a value of the wrong type',
      (e: any) => (e.spec.sla.availability = '99.9'),
      'spec.sla.availability',
      'must be a number',
    ],
    [
      'an object of the wrong type',
      (e: any) => (e.spec.output = 'commerce.orders-placed.v1'),
      'spec.output',
      'must be an object',
    ],
    [
      'a free-text duration',
      (e: any) => (e.spec.sla.freshness = 'five minutes'),
      'spec.sla.freshness',
      "'five minutes' is not an ISO-8601 duration",
    ],
    [
      'a duration in months',
      (e: any) => (e.spec.sla.retention = 'P1M'),
      'spec.sla.retention',
      "'P1M' uses years or months, which have no fixed length; use weeks, days, hours, minutes or seconds",
    ],
    [
      'a malformed input ref',
      (e: any) => (e.spec.inputs = ['dataproduct:a/b/c']),
      'spec.inputs[0]',
      "'dataproduct:a/b/c' is not an entity reference ([<kind>:][<namespace>/]<name>)",
    ],
    [
      'a cluster-qualified processor group',
      (e: any) => (e.spec.processor = { consumerGroups: ['local/orders'] }),
      'spec.processor.consumerGroups[0]',
      "'local/orders' is not a consumer group id (letters, digits, '.', '_' and '-'; no cluster)",
    ],
    [
      'more than 20 processor groups',
      (e: any) =>
        (e.spec.processor = {
          consumerGroups: Array.from({ length: 21 }, (_, i) => `g${i}`),
        }),
      'spec.processor.consumerGroups',
      'must list at most 20',
    ],
    [
      'a processor without groups',
      (e: any) => (e.spec.processor = { consumerGroups: [] }),
      'spec.processor.consumerGroups',
      'must list at least 1',
    ],
    [
      'an unknown processor field',
      (e: any) => (e.spec.processor = { consumerGroups: ['a'], group: 'a' }),
      'spec.processor.group',
      'is not a known field',
    ],
    [
      'a malformed date',
      (e: any) => (e.spec.deprecation.sunset = '30.06.2027'),
      'spec.deprecation.sunset',
      "'30.06.2027' is not a date (YYYY-MM-DD)",
    ],
    [
      'a relative on-call URL',
      (e: any) => (e.spec.sla.onCall = 'pagerduty'),
      'spec.sla.onCall',
      "'pagerduty' is not an absolute URL",
    ],
    [
      'an unknown SLA field',
      (e: any) => (e.spec.sla.oncall = 'https://oncall.example.com'),
      'spec.sla.oncall',
      'is not a known field',
    ],
    [
      'an empty string',
      (e: any) => (e.spec.output.topic = ''),
      'spec.output.topic',
      'must not be empty',
    ],
    [
      'a duplicate PII field',
      (e: any) => (e.spec.piiFields = ['customer.email', 'customer.email']),
      'spec.piiFields',
      "must not list 'customer.email' twice",
    ],
    [
      'a deprecated product without deprecation',
      (e: any) => delete e.spec.deprecation,
      'spec.deprecation',
      'is required when spec.status is deprecated',
    ],
    [
      'a product that is its own input',
      (e: any) => (e.spec.inputs = ['orders-placed']),
      'spec.inputs[0]',
      'must not be the product itself',
    ],
    [
      'an input that is not a data product',
      (e: any) => (e.spec.inputs = ['component:default/checkout']),
      'spec.inputs[0]',
      "'component:default/checkout' is not a DataProduct",
    ],
    [
      'an invalid entity name',
      (e: any) => (e.metadata.name = 'orders placed!'),
      'metadata.name',
      "'orders placed!' is not a valid entity name: 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
    ],
    [
      'a missing entity name',
      (e: any) => delete e.metadata.name,
      'metadata.name',
      'is required',
    ],
    [
      'an invalid namespace',
      (e: any) => (e.metadata.namespace = 'Team_A'),
      'metadata.namespace',
      "'Team_A' is not a valid namespace: 1-63 lower case letters, digits or '-'",
    ],
    [
      'another kind',
      (e: any) => (e.kind = 'Component'),
      'kind',
      'must be one of DataProduct',
    ],
    [
      'another apiVersion',
      (e: any) => (e.apiVersion = 'backstage.io/v1alpha1'),
      'apiVersion',
      'must be one of kafka-mesh.io/v1alpha1',
    ],
  ])('reports %s', (_, edit, path, message) => {
    expect(errorsOf(variant(edit))).toEqual([{ path, message }]);
  });

  it('compares inputs in the product namespace, ignoring case', () => {
    expect(
      errorsOf(
        variant(e => {
          e.metadata.namespace = 'shop';
          e.spec.inputs = [
            'DataProduct:shop/Orders-Placed',
            'dataproduct:default/orders-placed',
          ];
        }),
      ),
    ).toEqual([
      { path: 'spec.inputs[0]', message: 'must not be the product itself' },
    ]);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf(
      variant(e => {
        delete e.spec.owner;
        e.spec.sla.tier = 'gold';
        e.spec.sla.freshness = 'soon';
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'spec.owner', message: 'is required' },
        {
          path: 'spec.sla.tier',
          message: 'must be one of tier-1, tier-2, tier-3',
        },
        {
          path: 'spec.sla.freshness',
          message: "'soon' is not an ISO-8601 duration",
        },
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it.each([null, 'kind: DataProduct', [fullDataProduct]])(
    'rejects %j as not an object',
    value => {
      expect(errorsOf(value)).toEqual([
        { path: '', message: 'must be an object' },
      ]);
    },
  );
});

describe('formatValidationErrors', () => {
  it('puts one problem on each line', () => {
    expect(
      formatValidationErrors([
        { path: 'spec.sla.onCall', message: 'is required' },
        { path: '', message: 'must be an object' },
      ]),
    ).toBe('spec.sla.onCall: is required\nmust be an object');
  });
});
