import type { SchemaField } from '@kafka-mesh/plugin-data-mesh-common';
import { piiPathsOf } from './maskPiiPaths';

const field = (path: string, pii: boolean): SchemaField => ({
  path,
  type: 'string',
  nullable: false,
  pii,
});

describe('piiPathsOf', () => {
  it('masks the listed fields and those only the schema marks, reporting the latter', () => {
    expect(
      piiPathsOf(
        ['customer.email'],
        [
          field('orderId', false),
          field('customer.email', true),
          field('customer.phone', true),
          field('customer.name', false),
        ],
      ),
    ).toEqual({
      mask: ['customer.email', 'customer.phone'],
      unlisted: ['customer.phone'],
    });
  });

  it('counts a field as listed in the other spelling or below a listed parent', () => {
    expect(
      piiPathsOf(
        ['customerEmail', 'shipping'],
        [
          field('customer_email', true),
          field('shipping', false),
          field('shipping.street', true),
          field('shipping_note', true),
        ],
      ),
    ).toEqual({
      mask: ['customerEmail', 'shipping', 'shipping_note'],
      unlisted: ['shipping_note'],
    });
  });

  it('keeps the listed fields when there is no schema', () => {
    expect(piiPathsOf(['email'], [])).toEqual({
      mask: ['email'],
      unlisted: [],
    });
  });
});
