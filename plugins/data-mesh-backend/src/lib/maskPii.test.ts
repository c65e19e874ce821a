import { comparablePath, MASK, maskPii } from './maskPii';

describe('maskPii', () => {
  const order = {
    orderId: 'o-1',
    customer: {
      email: 'ada@example.com',
      address: { street: 'Main St 1', city: 'Berlin' },
    },
    lines: [
      { sku: 's-1', buyer: { phone: '123' } },
      { sku: 's-2', buyer: { phone: '456' } },
      { sku: 's-3' },
    ],
    note: null,
  };

  it('masks nested fields and fields inside arrays, and lists what it masked', () => {
    const { value, masked } = maskPii(order, [
      'customer.email',
      'customer.address.street',
      'lines.buyer.phone',
    ]);
    expect(value).toEqual({
      orderId: 'o-1',
      customer: {
        email: MASK,
        address: { street: MASK, city: 'Berlin' },
      },
      lines: [
        { sku: 's-1', buyer: { phone: MASK } },
        { sku: 's-2', buyer: { phone: MASK } },
        { sku: 's-3' },
      ],
      note: null,
    });
    expect(masked).toEqual([
      'customer.email',
      'customer.address.street',
      'lines.buyer.phone',
    ]);
  });

  it('masks a whole object when its path is listed', () => {
    expect(maskPii(order, ['customer']).value).toMatchObject({
      customer: MASK,
    });
  });

  it('skips paths that are missing or null, and leaves the input untouched', () => {
    const copy = JSON.parse(JSON.stringify(order));
    const { value, masked } = maskPii(order, [
      'customer.ssn',
      'nowhere.deep',
      'note',
      'orderId.length',
    ]);
    expect(masked).toEqual([]);
    expect(value).toEqual(order);
    expect(order).toEqual(copy);
  });

  it('masks fields of a top-level array', () => {
    expect(maskPii([{ email: 'a' }, { email: 'b' }], ['email'])).toEqual({
      value: [{ email: MASK }, { email: MASK }],
      masked: ['email'],
    });
  });

  it('passes scalars through', () => {
    expect(maskPii('text', ['email'])).toEqual({ value: 'text', masked: [] });
  });

  it('matches a schema path in the spelling its decoder uses', () => {
    // protobufjs decodes the .proto field customer_email as customerEmail.
    expect(
      maskPii({ customerEmail: 'a@b.c', order: { shipTo: 'x' } }, [
        'customer_email',
        'order.ship_to',
      ]),
    ).toEqual({
      value: { customerEmail: MASK, order: { shipTo: MASK } },
      masked: ['customer_email', 'order.ship_to'],
    });
  });

  it('masks every spelling a record carries', () => {
    expect(
      maskPii({ customer_email: 'a', customerEmail: 'b', id: 1 }, [
        'customerEmail',
      ]).value,
    ).toEqual({ customer_email: MASK, customerEmail: MASK, id: 1 });
  });
});

describe('comparablePath', () => {
  it('ignores case and underscores in every segment', () => {
    expect(comparablePath('Customer_Info.customer_email')).toBe(
      comparablePath('customerInfo.customerEmail'),
    );
    expect(comparablePath('customer.email')).not.toBe(
      comparablePath('customer.phone'),
    );
  });
});
