import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { allProducts } from '../../__fixtures__/dataProducts';
import {
  ClassificationFilter,
  DomainFilter,
  PiiFilter,
  QualityFilter,
  SlaTierFilter,
} from './filters';
import type { EntityFilter } from '@backstage/plugin-catalog-react';

/** The names the in-memory catalog (the real one's query language) keeps. */
async function namesMatching(filter: EntityFilter) {
  const catalog = catalogApiMock({ entities: allProducts });
  const { items } = await catalog.queryEntities({
    query: filter.getCatalogQuery!(),
  });
  return items.map(e => e.metadata.name).sort();
}

describe('the discovery filters', () => {
  it.each([
    [
      new DomainFilter(['payments']),
      { 'spec.domain': 'payments' },
      ['payments-settled'],
    ],
    [
      new SlaTierFilter(['tier-1', 'tier-3']),
      { 'spec.sla.tier': { $in: ['tier-1', 'tier-3'] } },
      ['customer-profiles', 'orders-placed'],
    ],
    [
      new QualityFilter(['raw']),
      { 'spec.quality': 'raw' },
      ['customer-profiles'],
    ],
    [
      new ClassificationFilter(['restricted']),
      { 'spec.classification': 'restricted' },
      ['payments-settled'],
    ],
  ])('%p asks the catalog for %j', async (filter, query, names) => {
    expect(filter.getCatalogQuery()).toEqual(query);
    expect(await namesMatching(filter)).toEqual(names);
  });

  it('keep their values for the URL', () => {
    expect(new DomainFilter(['a', 'b']).toQueryValue()).toEqual(['a', 'b']);
    expect(new PiiFilter('no').toQueryValue()).toBe('no');
  });

  it('ask nothing of the catalog without a value', () => {
    expect(new DomainFilter([]).getCatalogQuery()).toBeUndefined();
  });

  it('find products with personal data by listed PII fields or the pii tag', async () => {
    const tagged = {
      ...allProducts[1],
      metadata: { ...allProducts[1].metadata, name: 'tagged', tags: ['pii'] },
    };
    const catalog = catalogApiMock({
      entities: [...allProducts, tagged],
    });
    const names = async (value: 'yes' | 'no') =>
      (
        await catalog.queryEntities({
          query: new PiiFilter(value).getCatalogQuery(),
        })
      ).items
        .map(e => e.metadata.name)
        .sort();
    // orders-placed lists piiFields (and is tagged), tagged is only tagged
    expect(await names('yes')).toEqual(['orders-placed', 'tagged']);
    expect(await names('no')).toEqual([
      'customer-profiles',
      'payments-settled',
    ]);
  });
});
