import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { parseDescriptorRecord } from './parseDescriptorRecord';

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const key = (id: string) => Buffer.from(id, 'utf8');

describe('parseDescriptorRecord', () => {
  it('decodes a valid descriptor as an upsert keyed by its product id', () => {
    const descriptor = makeDataProduct('orders', 'commerce.orders.v1');
    expect(
      parseDescriptorRecord(key('default/orders'), json(descriptor)),
    ).toEqual({ type: 'upsert', id: 'default/orders', entity: descriptor });
  });

  it('accepts a descriptor in another namespace when the key names it', () => {
    const descriptor = makeDataProduct('orders', 'commerce.orders.v1');
    descriptor.metadata.namespace = 'sales';
    const result = parseDescriptorRecord(key('sales/orders'), json(descriptor));
    expect(result).toMatchObject({ type: 'upsert', id: 'sales/orders' });
  });

  it('reads a record without a value as a tombstone', () => {
    expect(parseDescriptorRecord(key('default/orders'), null)).toEqual({
      type: 'tombstone',
      id: 'default/orders',
    });
  });

  it.each([
    ['no key', null],
    ['an empty key', Buffer.alloc(0)],
  ])('rejects a record with %s, without an id', (_, recordKey) => {
    const descriptor = makeDataProduct('orders', 'commerce.orders.v1');
    const result = parseDescriptorRecord(recordKey, json(descriptor));
    expect(result.type).toBe('invalid');
    expect(result).not.toHaveProperty('id');
    expect(result).toMatchObject({
      reason: expect.stringContaining('has no key'),
    });
  });

  it.each([
    'orders',
    'default/orders/extra',
    'Default/orders',
    '/orders',
    'default/',
  ])("rejects the key '%s', which is not <namespace>/<name>", badKey => {
    const result = parseDescriptorRecord(key(badKey), null);
    expect(result).toEqual({
      type: 'invalid',
      reason: `'${badKey}' is not a data product id of the form <namespace>/<name>`,
    });
  });

  it('rejects a descriptor over the size limit before parsing it', () => {
    const value = json(makeDataProduct('orders', 'commerce.orders.v1'));
    const result = parseDescriptorRecord(key('default/orders'), value, 100);
    expect(result).toEqual({
      type: 'invalid',
      id: 'default/orders',
      reason: `the descriptor is ${value.length} bytes, more than the limit of 100`,
    });
  });

  it('accepts a descriptor of exactly the size limit', () => {
    const value = json(makeDataProduct('orders', 'commerce.orders.v1'));
    const result = parseDescriptorRecord(
      key('default/orders'),
      value,
      value.length,
    );
    expect(result.type).toBe('upsert');
  });

  it('measures the limit in bytes, not characters', () => {
    const descriptor = makeDataProduct('orders', 'commerce.orders.v1');
    descriptor.metadata.description = 'é'.repeat(50);
    const value = json(descriptor);
    const characters = JSON.stringify(descriptor).length;
    expect(value.length).toBe(characters + 50);
    const result = parseDescriptorRecord(
      key('default/orders'),
      value,
      characters,
    );
    expect(result).toMatchObject({ type: 'invalid', id: 'default/orders' });
  });

  it('rejects a value that is not JSON, with the parser message', () => {
    const result = parseDescriptorRecord(
      key('default/orders'),
      Buffer.from('{ not json'),
    );
    expect(result).toMatchObject({ type: 'invalid', id: 'default/orders' });
    expect(result.type === 'invalid' && result.reason).toMatch(
      /^the descriptor is not JSON: .+/,
    );
  });

  it('rejects a descriptor failing the schema, naming the field path', () => {
    const descriptor: any = makeDataProduct('orders', 'commerce.orders.v1');
    delete descriptor.spec.sla;
    expect(
      parseDescriptorRecord(key('default/orders'), json(descriptor)),
    ).toEqual({
      type: 'invalid',
      id: 'default/orders',
      reason: 'spec.sla: is required',
    });
  });

  it('joins several schema problems on one line', () => {
    const descriptor: any = makeDataProduct('orders', 'commerce.orders.v1');
    delete descriptor.spec.sla;
    descriptor.spec.lifecycle = 'forever';
    const result = parseDescriptorRecord(
      key('default/orders'),
      json(descriptor),
    );
    expect(result.type).toBe('invalid');
    const reason = result.type === 'invalid' ? result.reason : '';
    expect(reason).not.toContain('\n');
    expect(reason.split('; ').sort()).toEqual([
      'spec.lifecycle: must be one of experimental, production, deprecated',
      'spec.sla: is required',
    ]);
  });

  it('rejects JSON that is not an object', () => {
    expect(parseDescriptorRecord(key('default/orders'), json(null))).toEqual({
      type: 'invalid',
      id: 'default/orders',
      reason: 'must be an object',
    });
  });

  it('rejects a key that names another product than the descriptor', () => {
    const descriptor = makeDataProduct('orders', 'commerce.orders.v1');
    expect(
      parseDescriptorRecord(key('default/refunds'), json(descriptor)),
    ).toEqual({
      type: 'invalid',
      id: 'default/refunds',
      reason:
        "the key 'default/refunds' does not match the descriptor's <namespace>/<name> 'default/orders'",
    });
  });

  it('compares the key with the descriptor namespace, defaulting to default', () => {
    const descriptor = makeDataProduct('orders', 'commerce.orders.v1');
    const result = parseDescriptorRecord(key('sales/orders'), json(descriptor));
    expect(result).toMatchObject({
      type: 'invalid',
      reason: expect.stringContaining("'default/orders'"),
    });
  });
});
