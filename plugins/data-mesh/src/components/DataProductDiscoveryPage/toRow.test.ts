import {
  customerProfiles,
  ordersPlaced,
} from '../../__fixtures__/dataProducts';
import { toRow } from './toRow';

describe('toRow', () => {
  it('takes the facts the table shows from the entity', () => {
    expect(toRow(ordersPlaced)).toEqual({
      id: 'dataproduct:default/orders-placed',
      entity: ordersPlaced,
      name: 'orders-placed',
      title: 'Orders placed',
      description: 'Every order placed in the web shop, in real time.',
      owner: 'group:default/checkout-team',
      domain: 'commerce',
      tier: 'tier-1',
      quality: 'curated',
      classification: 'confidential',
      lifecycle: 'production',
      pii: true,
      freshness: 'PT5M',
      topicStatus: 'ok',
      // two components and the processor of one downstream product
      consumers: 3,
    });
  });

  it('falls back to the name, no description and unobserved', () => {
    expect(toRow(customerProfiles)).toEqual(
      expect.objectContaining({
        title: 'customer-profiles',
        pii: false,
        topicStatus: 'unobserved',
        consumers: 0,
      }),
    );
  });
});
