import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { toRow } from './toRow';
import { DISCOVERY_ENTITY_FIELDS, withQueryFields } from './discoveryFields';
import { allProducts, ordersPlaced } from '../../__fixtures__/dataProducts';
import { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';

describe('withQueryFields', () => {
  const catalog = () => {
    const client = catalogApiMock({ entities: allProducts });
    return { client, queryEntities: jest.spyOn(client, 'queryEntities') };
  };

  it('asks the given fields when the request names none', async () => {
    const { client, queryEntities } = catalog();
    const api = withQueryFields(client, ['kind', 'metadata.name']);
    const byName = { field: 'metadata.name', order: 'asc' } as const;
    const response = await api.queryEntities({
      filter: { kind: 'DataProduct' },
      orderFields: byName,
      limit: 2,
    });
    expect(queryEntities).toHaveBeenCalledWith(
      {
        filter: { kind: 'DataProduct' },
        orderFields: byName,
        limit: 2,
        fields: ['kind', 'metadata.name'],
      },
      undefined,
    );
    expect(response.items).toEqual([
      { kind: 'DataProduct', metadata: { name: 'customer-profiles' } },
      { kind: 'DataProduct', metadata: { name: 'orders-placed' } },
    ]);
  });

  it('adds the fields to a cursor request, and to one without arguments', async () => {
    const { client, queryEntities } = catalog();
    const api = withQueryFields(client, ['kind']);
    const first = await api.queryEntities();
    expect(queryEntities).toHaveBeenLastCalledWith(
      { fields: ['kind'] },
      undefined,
    );
    expect(first.items).toHaveLength(3);
    const page = await api.queryEntities({ limit: 1 });
    await api.queryEntities({ cursor: page.pageInfo.nextCursor!, limit: 1 });
    expect(queryEntities).toHaveBeenLastCalledWith(
      { cursor: page.pageInfo.nextCursor, limit: 1, fields: ['kind'] },
      undefined,
    );
  });

  it('leaves a request that names its own fields as it is', async () => {
    const { client, queryEntities } = catalog();
    const api = withQueryFields(client, ['kind']);
    await api.queryEntities({ fields: ['metadata.name'] });
    expect(queryEntities).toHaveBeenLastCalledWith(
      { fields: ['metadata.name'] },
      undefined,
    );
  });

  it('passes every other method to the catalog unchanged', async () => {
    const { client } = catalog();
    const getEntityFacets = jest.spyOn(client, 'getEntityFacets');
    const api = withQueryFields(client, ['kind']);
    const { facets } = await api.getEntityFacets({ facets: ['spec.domain'] });
    expect(getEntityFacets).toHaveBeenCalledWith({ facets: ['spec.domain'] });
    expect(facets['spec.domain'].map(f => f.value).sort()).toEqual([
      'commerce',
      'customers',
      'payments',
    ]);
    expect(
      await api.getEntityByRef('dataproduct:default/orders-placed'),
    ).toEqual(ordersPlaced);
  });
});

describe('DISCOVERY_ENTITY_FIELDS', () => {
  it('holds everything a row is made of', async () => {
    const api = withQueryFields(
      catalogApiMock({ entities: allProducts }),
      DISCOVERY_ENTITY_FIELDS,
    );
    const { items } = await api.queryEntities({ limit: 10 });
    const trimmed = items.filter(isDataProductEntity).map(toRow);
    const full = allProducts.map(toRow);
    expect(trimmed.map(({ entity, ...row }) => row)).toEqual(
      full.map(({ entity, ...row }) => row),
    );
    // and less than the whole entity: no output port, schema or SLA warnings
    expect(
      items.find(e => e.metadata.name === 'orders-placed'),
    ).not.toHaveProperty('spec.output');
  });
});
