import { parse } from 'yaml';
import { fullDataProduct, makeDataProduct } from '../__fixtures__/dataProducts';
import type { DataProductEntity } from '../entity/types';
import { fromOdps } from './fromOdps';
import { toOdcs } from './odcs';
import { toOdps, toOdpsYaml } from './odps';

const schema = {
  format: 'avro' as const,
  text: JSON.stringify({
    type: 'record',
    name: 'OrderPlaced',
    fields: [
      { name: 'orderId', type: 'string' },
      {
        name: 'customer',
        type: {
          type: 'record',
          name: 'Customer',
          fields: [{ name: 'email', type: 'string' }],
        },
      },
    ],
  }),
};

const withRules: DataProductEntity = {
  ...fullDataProduct,
  spec: {
    ...fullDataProduct.spec,
    qualityRules: [
      {
        name: 'volume',
        metric: 'rowCount',
        arguments: { window: 'PT1M' },
        mustBeGreaterThan: 0,
      },
      {
        name: 'email-set',
        metric: 'nullValues',
        property: 'customer.email',
        mustBe: 0,
      },
      {
        name: 'fresh',
        metric: 'freshness',
        mustBeLessThan: 60,
        unit: 'seconds',
      },
    ],
  },
};

const { annotations, ...metadata } = fullDataProduct.metadata;

describe('fromOdps', () => {
  it('reads back what toOdps writes', () => {
    const result = fromOdps(parse(toOdpsYaml(fullDataProduct)));
    expect(result).toEqual({
      valid: true,
      entity: { ...fullDataProduct, metadata },
    });
  });

  it('reads the quality rules from the output port contract', () => {
    const result = fromOdps(toOdps(withRules), [toOdcs(withRules, { schema })]);
    expect(result).toEqual({
      valid: true,
      entity: { ...withRules, metadata },
    });
  });

  it('reads freshness rules from the SLA properties of a contract without the custom property', () => {
    const contract = toOdcs(withRules, { schema });
    contract.customProperties = contract.customProperties.filter(
      p => p.property !== 'freshnessRules',
    );
    const result = fromOdps(toOdps(withRules), [contract]);
    expect(result.valid && result.entity.spec.qualityRules?.[2]).toEqual({
      name: 'fresh',
      metric: 'freshness',
      mustBeLessOrEqualTo: 60,
      unit: 'seconds',
    });
  });

  it('ignores contracts of other ports', () => {
    const other = toOdcs({
      ...withRules,
      metadata: { ...withRules.metadata, name: 'other' },
    });
    const result = fromOdps(toOdps(withRules), [other]);
    expect(result.valid && result.entity.spec.qualityRules).toBeUndefined();
  });

  it('reads the owner from the team list earlier exports wrote', () => {
    const result = fromOdps({
      ...toOdps(fullDataProduct),
      team: [{ username: 'group:default/x', role: 'owner' }] as any,
    });
    expect(result.valid && result.entity.spec.owner).toBe('group:default/x');
  });

  it('takes the output from the contract when the document lacks it', () => {
    const doc = toOdps(fullDataProduct);
    doc.customProperties = doc.customProperties.filter(
      p => p.property !== 'output',
    );
    const result = fromOdps(doc, [toOdcs(fullDataProduct)]);
    // The subject is the topic's default one: left out.
    const { schemaSubject, ...output } = fullDataProduct.spec.output;
    expect(result.valid && result.entity.spec.output).toEqual(output);
  });

  it('names what a foreign document leaves out', () => {
    const result = fromOdps({
      ...toOdps(makeDataProduct('orders')),
      support: [],
      customProperties: [],
    });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.errors).toEqual(
      expect.arrayContaining([
        { path: 'spec.lifecycle', message: 'is required' },
        { path: 'spec.output', message: 'is required' },
        { path: 'spec.sla.onCall', message: 'is required' },
        { path: 'spec.sla.tier', message: 'is required' },
      ]),
    );
  });

  it('rejects an id that is not a product id', () => {
    expect(fromOdps({ ...toOdps(fullDataProduct), id: '0b5e…' })).toEqual({
      valid: false,
      errors: [
        {
          path: 'id',
          message:
            "'0b5e…' is not a data product id of the form <namespace>/<name>",
        },
      ],
    });
  });
});
