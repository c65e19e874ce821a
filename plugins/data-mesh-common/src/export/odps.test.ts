import { parse } from 'yaml';
import { fullDataProduct, makeDataProduct } from '../__fixtures__/dataProducts';
import { fromOdps, toOdps, toOdpsYaml } from './odps';

describe('toOdpsYaml', () => {
  const doc = parse(toOdpsYaml(fullDataProduct));

  it('writes an ODPS v1.0.0 data product', () => {
    expect(doc).toMatchObject({
      apiVersion: 'v1.0.0',
      kind: 'DataProduct',
      id: 'default/orders-placed',
      name: 'Orders placed',
      status: 'deprecated',
      domain: 'commerce',
      description: {
        purpose: 'Every order placed in the web shop, in real time.',
      },
      tags: ['orders', 'pii'],
      inputPorts: [
        {
          name: 'payments-settled',
          version: '1.0.0',
          contractId: 'default/payments-settled',
        },
      ],
      outputPorts: [
        {
          name: 'commerce.orders-placed.v1',
          type: 'topic',
          version: '1.0.0',
          contractId: 'default/orders-placed',
        },
      ],
      support: [
        {
          channel: 'on-call',
          url: 'https://oncall.example.com/checkout',
          scope: 'issues',
        },
      ],
      team: [{ username: 'group:default/checkout-team', role: 'owner' }],
    });
  });

  it('carries the SLA as ODCS slaProperties', () => {
    const sla = doc.customProperties.find(
      (p: { property: string }) => p.property === 'slaProperties',
    );
    expect(sla.value).toEqual([
      { property: 'tier', value: 'tier-1' },
      { property: 'availability', value: 99.9, unit: 'percent' },
      { property: 'latency', value: 5, unit: 'min' },
      { property: 'retention', value: 7, unit: 'd' },
      { property: 'supportHours', value: '24x7' },
      { property: 'responseTime', value: 1, unit: 'h' },
    ]);
  });

  it('keeps the fields ODPS has no place for as custom properties', () => {
    expect(
      doc.customProperties.map((p: { property: string }) => p.property),
    ).toEqual([
      'slaProperties',
      'lifecycle',
      'system',
      'output',
      'quality',
      'classification',
      'piiFields',
      'deprecation',
    ]);
  });

  it('leaves out what a minimal product does not have', () => {
    const minimal = toOdps(makeDataProduct('orders'));
    expect(minimal.name).toBe('orders');
    expect(minimal.status).toBe('active');
    expect(minimal).not.toHaveProperty('inputPorts');
    expect(minimal).not.toHaveProperty('description');
    expect(minimal).not.toHaveProperty('tags');
  });
});

describe('fromOdps', () => {
  it('reads back what toOdps writes', () => {
    const result = fromOdps(parse(toOdpsYaml(fullDataProduct)));
    const { annotations, ...metadata } = fullDataProduct.metadata;
    expect(result).toEqual({
      valid: true,
      entity: { ...fullDataProduct, metadata },
    });
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
