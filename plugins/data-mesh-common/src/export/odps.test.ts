import { parse } from 'yaml';
import { fullDataProduct, makeDataProduct } from '../__fixtures__/dataProducts';
import { toOdps, toOdpsYaml } from './odps';

describe('toOdpsYaml', () => {
  const doc = parse(toOdpsYaml(fullDataProduct));

  it('writes an ODPS v1.1.0 data product', () => {
    expect(doc).toMatchObject({
      apiVersion: 'v1.1.0',
      kind: 'DataProduct',
      id: 'default/orders-placed',
      name: 'Orders placed',
      deprecated: true,
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
      team: { name: 'group:default/checkout-team' },
    });
  });

  it('writes v1.0.0 on request, without what v1.0.0 does not know', () => {
    const v10 = toOdps(fullDataProduct, { version: 'v1.0.0' });
    expect(v10.apiVersion).toBe('v1.0.0');
    expect(v10).not.toHaveProperty('deprecated');
    const { apiVersion, deprecated, ...rest } = toOdps(fullDataProduct);
    expect({ ...rest, apiVersion: 'v1.0.0' }).toEqual(v10);
  });

  it('refuses a version it cannot write', () => {
    expect(() =>
      toOdps(fullDataProduct, { version: 'v0.9.0' as 'v1.0.0' }),
    ).toThrow('ODPS v0.9.0 is not supported; one of v1.1.0, v1.0.0');
  });

  it('names the team after the owner, with its title and members when known', () => {
    expect(
      toOdps(fullDataProduct, {
        owner: {
          title: 'Checkout',
          members: [
            { username: 'user:default/alice', name: 'Alice' },
            { username: 'user:default/bob', role: 'data steward' },
          ],
        },
      }).team,
    ).toEqual({
      name: 'group:default/checkout-team',
      description: 'Checkout',
      members: [
        { username: 'user:default/alice', name: 'Alice', role: 'member' },
        { username: 'user:default/bob', role: 'data steward' },
      ],
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
    expect(minimal).not.toHaveProperty('deprecated');
    expect(minimal).not.toHaveProperty('inputPorts');
    expect(minimal).not.toHaveProperty('description');
    expect(minimal).not.toHaveProperty('tags');
    expect(minimal.team).toEqual({ name: 'group:default/team' });
  });
});
