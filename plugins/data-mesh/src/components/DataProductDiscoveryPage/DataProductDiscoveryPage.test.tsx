import { ReactNode } from 'react';
import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { dataMeshApiRef, DataMeshApi } from '../../api';
import {
  candidateStreams,
  productsFreshness,
} from '../../__fixtures__/apiResponses';
import { allProducts } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  mountedRoutes,
  responseError,
} from '../../__testUtils__';
import { DataProductDiscoveryContent } from './DataProductDiscoveryContent';
import { DataProductDiscoveryPage } from './DataProductDiscoveryPage';
import { DISCOVERY_ENTITY_FIELDS } from './discoveryFields';

// The page renders the catalog's pickers and a full table in jsdom: on a
// busy machine that takes longer than the default second to settle.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);

const kindQuery = { kind: 'dataproduct' };

/**
 * Renders with an in-memory catalog (it filters, pages and trims fields
 * like the real one) whose `queryEntities` is spied on, at `url`.
 */
async function renderPage(
  node: ReactNode,
  options: {
    entities?: Entity[];
    dataMeshApi?: DataMeshApi;
    url?: string;
    catalogError?: Error;
  } = {},
) {
  const catalogApi = catalogApiMock({ entities: options.entities ?? [] });
  const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
  if (options.catalogError) {
    queryEntities.mockRejectedValue(options.catalogError);
  }
  const dataMeshApi = options.dataMeshApi ?? mockDataMeshApi();
  window.history.replaceState(null, '', options.url ?? '/');
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [dataMeshApiRef, dataMeshApi],
      ]}
    >
      {node}
    </TestApiProvider>,
    { mountedRoutes, routeEntries: [options.url ?? '/'] },
  );
  /** The requests for a page of rows (not the `limit: 0` counts). */
  const pageRequests = () =>
    queryEntities.mock.calls
      .map(([request]) => request as Record<string, any>)
      .filter(request => request.limit !== 0);
  return { queryEntities, pageRequests, dataMeshApi };
}

/** A query's `$all` predicates, in a stable order. */
const predicatesOf = (query: unknown) =>
  [(query as { $all?: unknown[] }).$all ?? [query]]
    .flat()
    .map(p => JSON.stringify(p))
    .sort();

const rowOf = (title: string) => screen.getByText(title).closest('tr')!;
const productTitles = () =>
  screen
    .getAllByRole('row')
    .filter(row => row.querySelector('a[href*="/dataproduct/"]'))
    .map(row => within(row).getAllByRole('cell')[0].textContent);
const search = () => new URLSearchParams(window.location.search);

/**
 * One click on the table's next page button. A plain click event: the
 * pointer sequence of user-event spans several ticks, in which a table
 * re-render (a count or the live state arriving) can replace the button.
 */
const nextPage = () =>
  fireEvent.click(screen.getByRole('button', { name: /next page/i }));

/** Picks an option of a catalog autocomplete picker by its label. */
async function pick(label: string, option: string) {
  const picker = await screen.findByRole('textbox', { name: label });
  await userEvent.click(picker);
  await userEvent.click(await screen.findByRole('option', { name: option }));
  await userEvent.keyboard('{Escape}');
}

/** 25 products, p-01 ... p-25; the odd ones in the payments domain. */
const manyProducts = Array.from({ length: 25 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return makeDataProduct(`p-${n}`, `topic.p-${n}`, {
    domain: i % 2 === 0 ? 'payments' : 'commerce',
  });
});

describe('DataProductDiscoveryPage', () => {
  it('lists data products with their key facts', async () => {
    await renderPage(<DataProductDiscoveryPage />, { entities: allProducts });
    expect(await screen.findByText('Orders placed')).toBeInTheDocument();
    expect(screen.getByText('Payments settled')).toBeInTheDocument();
    expect(screen.getByText('customer-profiles')).toBeInTheDocument();
    expect(await screen.findByText('Data products (3)')).toBeInTheDocument();

    const row = rowOf('Orders placed');
    expect(
      within(row).getByText(
        'Every order placed in the web shop, in real time.',
      ),
    ).toBeInTheDocument();
    expect(within(row).getByText('commerce')).toBeInTheDocument();
    expect(within(row).getByText('tier-1')).toBeInTheDocument();
    expect(within(row).getByText('curated')).toBeInTheDocument();
    // the promised freshness until the live state is known, as people say it
    expect(within(row).getByLabelText('5 min (PT5M)')).toBeInTheDocument();
    // two consuming components and the processor of one downstream product
    expect(within(row).getByText('3')).toBeInTheDocument();
    expect(within(row).getByText('Orders placed').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/orders-placed',
    );
    expect(
      within(rowOf('customer-profiles')).getByLabelText('1 h (PT1H)'),
    ).toBeInTheDocument();
  });

  it('asks the catalog for one page of DataProducts with only the fields the rows need', async () => {
    const { pageRequests } = await renderPage(<DataProductDiscoveryContent />, {
      entities: allProducts,
    });
    await screen.findByText('Orders placed');
    expect(pageRequests().length).toBeGreaterThan(0);
    for (const request of pageRequests()) {
      expect(request).toEqual(
        expect.objectContaining({
          query: kindQuery,
          fields: [...DISCOVERY_ENTITY_FIELDS],
          limit: 20,
          orderFields: [{ field: 'metadata.name', order: 'asc' }],
        }),
      );
    }
    // the rows hold the fields asked, not the whole entity
    expect(screen.queryByText('commerce.orders-placed.v1')).toBeNull();
  });

  describe('filters', () => {
    it('filters by SLA tier in the catalog and writes the filter into the URL', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: allProducts },
      );
      await screen.findByText('Orders placed');
      await pick('SLA tier', 'tier-2');
      await waitFor(() =>
        expect(screen.queryByText('Orders placed')).not.toBeInTheDocument(),
      );
      expect(productTitles()).toEqual(['Payments settled']);
      expect(pageRequests().at(-1)).toEqual(
        expect.objectContaining({
          fields: [...DISCOVERY_ENTITY_FIELDS],
          limit: 20,
        }),
      );
      expect(predicatesOf(pageRequests().at(-1)!.query)).toEqual(
        predicatesOf({ $all: [kindQuery, { 'spec.sla.tier': 'tier-2' }] }),
      );
      await waitFor(() =>
        expect(search().getAll('filters[tier]')).toEqual(['tier-2']),
      );
      expect(search().get('filters[kind]')).toBe('dataproduct');
    });

    it('filters by domain, and by several values of it', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: allProducts },
      );
      await screen.findByText('Orders placed');
      await pick('Domain', 'payments');
      await waitFor(() =>
        expect(productTitles()).toEqual(['Payments settled']),
      );
      await pick('Domain', 'customers');
      await waitFor(() =>
        expect(productTitles()).toEqual([
          'customer-profiles',
          'Payments settled',
        ]),
      );
      expect(predicatesOf(pageRequests().at(-1)!.query)).toEqual(
        predicatesOf({
          $all: [
            kindQuery,
            { 'spec.domain': { $in: ['payments', 'customers'] } },
          ],
        }),
      );
    });

    it('filters by personal data in the catalog: listed PII fields or the pii tag', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: allProducts },
      );
      await screen.findByText('Orders placed');
      await pick('Personal data', 'yes');
      await waitFor(() => expect(productTitles()).toEqual(['Orders placed']));
      await pick('Personal data', 'no');
      await waitFor(() =>
        expect(productTitles()).toEqual([
          'customer-profiles',
          'Payments settled',
        ]),
      );
      const hasPii = {
        $any: [
          { 'spec.piiFields': { $exists: true } },
          { 'metadata.tags': { $contains: 'pii' } },
        ],
      };
      expect(predicatesOf(pageRequests().at(-1)!.query)).toEqual(
        predicatesOf({ $all: [kindQuery, { $not: hasPii }] }),
      );
      expect(search().get('filters[pii]')).toBe('no');
    });

    it('searches in the catalog (full text)', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: allProducts },
      );
      await screen.findByText('Orders placed');
      await userEvent.type(screen.getByPlaceholderText('Search'), 'payments');
      await waitFor(() =>
        expect(productTitles()).toEqual(['Payments settled']),
      );
      // One of the page's requests (the count follows it) searched.
      expect(pageRequests()).toContainEqual(
        expect.objectContaining({
          query: kindQuery,
          fullTextFilter: expect.objectContaining({ term: 'payments' }),
          fields: [...DISCOVERY_ENTITY_FIELDS],
        }),
      );
      expect(search().get('filters[text]')).toBe('payments');
    });

    it('filters to the products failing their checks, in the catalog, and writes it into the URL', async () => {
      const dataMeshApi = mockDataMeshApi({
        getFailingProducts: jest.fn(async () => ({
          items: ['dataproduct:default/payments-settled'],
          truncated: false,
        })),
      });
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: allProducts, dataMeshApi },
      );
      await screen.findByText('Orders placed');
      await pick('Quality checks', 'failing');
      await waitFor(() =>
        expect(productTitles()).toEqual(['Payments settled']),
      );
      expect(dataMeshApi.getFailingProducts).toHaveBeenCalled();
      expect(pageRequests()).toContainEqual(
        expect.objectContaining({
          fields: [...DISCOVERY_ENTITY_FIELDS],
          query: expect.objectContaining({
            $all: expect.arrayContaining([
              {
                $any: [
                  {
                    $all: [
                      { 'metadata.namespace': 'default' },
                      { 'metadata.name': 'payments-settled' },
                    ],
                  },
                ],
              },
            ]),
          }),
        }),
      );
      await waitFor(() =>
        expect(search().get('filters[checks]')).toBe('failing'),
      );
      // The Checks column stays beside the filter.
      expect(
        screen.getByRole('columnheader', { name: 'Checks' }),
      ).toBeInTheDocument();
    });

    it('lists nothing when no product fails', async () => {
      await renderPage(<DataProductDiscoveryContent />, {
        entities: allProducts,
        url: '/?filters[kind]=dataproduct&filters[checks]=failing',
      });
      await waitFor(() => expect(productTitles()).toEqual([]));
      expect(
        await screen.findByRole('textbox', { name: 'Quality checks' }),
      ).toHaveValue('failing');
    });

    it('restores the pickers and the rows from a shared URL', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        {
          entities: allProducts,
          url: '/?filters[kind]=dataproduct&filters[tier]=tier-2&filters[tier]=tier-3&filters[pii]=no&filters[text]=p',
        },
      );
      await waitFor(() =>
        expect(productTitles()).toEqual([
          'customer-profiles',
          'Payments settled',
        ]),
      );
      const tierPicker = screen
        .getByRole('textbox', { name: 'SLA tier' })
        .closest('.MuiAutocomplete-root')! as HTMLElement;
      expect(within(tierPicker).getByText('tier-2')).toBeInTheDocument();
      expect(within(tierPicker).getByText('tier-3')).toBeInTheDocument();
      expect(
        screen.getByRole('textbox', { name: 'Personal data' }),
      ).toHaveValue('no');
      expect(screen.getByPlaceholderText('Search')).toHaveValue('p');
      await waitFor(() =>
        expect(pageRequests().at(-1)!.fullTextFilter).toEqual(
          expect.objectContaining({ term: 'p' }),
        ),
      );
      expect(predicatesOf(pageRequests().at(-1)!.query)).toHaveLength(3);
    });

    it('keeps the kind DataProduct whatever the URL says', async () => {
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'not-a-product', title: 'Not a product' },
        spec: { type: 'service', lifecycle: 'production', owner: 'x' },
      };
      await renderPage(<DataProductDiscoveryContent />, {
        entities: [...allProducts, component],
        url: '/?filters[kind]=component',
      });
      await screen.findByText('Orders placed');
      expect(screen.queryByText('Not a product')).toBeNull();
    });
  });

  describe('paging', () => {
    it('shows 20 products a page, the next ones from the catalog on the next page', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: manyProducts },
      );
      await screen.findByText('Test product p-01');
      expect(productTitles()).toHaveLength(20);
      expect(await screen.findByText('Data products (25)')).toBeInTheDocument();
      nextPage();
      await waitFor(() =>
        expect(productTitles()).toEqual(
          ['21', '22', '23', '24', '25'].map(n => `Test product p-${n}`),
        ),
      );
      expect(pageRequests().at(-1)).toEqual(
        expect.objectContaining({ offset: 20, limit: 20 }),
      );
      await waitFor(() => expect(search().get('offset')).toBe('20'));
    });

    it('opens the page of a shared URL once its filters are back', async () => {
      await renderPage(<DataProductDiscoveryContent />, {
        entities: manyProducts,
        url: '/?filters[kind]=dataproduct&filters[domain]=payments&limit=5&offset=5',
      });
      // payments: p-01, p-03, ... p-25; the second page of five
      await waitFor(() =>
        expect(productTitles()).toEqual(
          ['11', '13', '15', '17', '19'].map(n => `Test product p-${n}`),
        ),
      );
      const domainPicker = screen
        .getByRole('textbox', { name: 'Domain' })
        .closest('.MuiAutocomplete-root')! as HTMLElement;
      expect(within(domainPicker).getByText('payments')).toBeInTheDocument();
    });

    it('asks at most 100 products a page, whatever the URL says', async () => {
      const { pageRequests } = await renderPage(
        <DataProductDiscoveryContent />,
        { entities: manyProducts, url: '/?limit=100000' },
      );
      await screen.findByText('Test product p-01');
      expect(pageRequests().length).toBeGreaterThan(0);
      expect(pageRequests().every(request => request.limit <= 100)).toBe(true);
    });
  });

  describe('live freshness', () => {
    it('shows the live state of the products on the page, asked in one request', async () => {
      const dataMeshApi = mockDataMeshApi({
        getProductsFreshness: jest.fn(async () => productsFreshness),
      });
      await renderPage(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi,
      });
      await waitFor(() =>
        expect(rowOf('Orders placed')).toHaveTextContent(
          '12 s ago · SLA 5 min',
        ),
      );
      expect(rowOf('Payments settled')).toHaveTextContent(
        'breached: 3 h ago · SLA 15 min',
      );
      expect(rowOf('customer-profiles')).toHaveTextContent(
        'no records · SLA 1 h',
      );
      expect(dataMeshApi.getProductsFreshness).toHaveBeenCalledTimes(1);
      expect(dataMeshApi.getProductsFreshness).toHaveBeenCalledWith([
        'dataproduct:default/customer-profiles',
        'dataproduct:default/orders-placed',
        'dataproduct:default/payments-settled',
      ]);
    });

    it('asks only for the products on the current page', async () => {
      const dataMeshApi = mockDataMeshApi();
      await renderPage(<DataProductDiscoveryContent />, {
        entities: manyProducts,
        dataMeshApi,
        url: '/?limit=5',
      });
      await screen.findByText('Test product p-01');
      await waitFor(() =>
        expect(dataMeshApi.getProductsFreshness).toHaveBeenLastCalledWith(
          ['01', '02', '03', '04', '05'].map(n => `dataproduct:default/p-${n}`),
        ),
      );
      expect(dataMeshApi.getProductsQualityStatus).toHaveBeenLastCalledWith(
        ['01', '02', '03', '04', '05'].map(n => `dataproduct:default/p-${n}`),
      );
      // the next page is offered once the catalog counted the products
      await screen.findByText('Data products (25)');
      nextPage();
      await waitFor(() =>
        expect(dataMeshApi.getProductsFreshness).toHaveBeenLastCalledWith(
          ['06', '07', '08', '09', '10'].map(n => `dataproduct:default/p-${n}`),
        ),
      );
    });

    it('falls back to the promised freshness, with a hint, when it cannot be read', async () => {
      const down = await responseError(503, 'Kafka is unavailable: timeout');
      await renderPage(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getProductsFreshness: jest.fn(() => Promise.reject(down)),
        }),
      });
      expect(
        await screen.findByText(
          /Live freshness is unavailable \(Kafka is unavailable: timeout\)/,
        ),
      ).toBeInTheDocument();
      expect(
        within(rowOf('Orders placed')).getByLabelText('5 min (PT5M)'),
      ).toBeInTheDocument();
    });
  });

  describe('quality checks', () => {
    const qualityStatus = {
      items: [
        {
          entityRef: 'dataproduct:default/orders-placed',
          status: 'failing' as const,
          failingRules: ['order-id-present'],
          lastCheckedAt: '2026-01-01T00:00:00.000Z',
        },
        {
          entityRef: 'dataproduct:default/payments-settled',
          status: 'ok' as const,
          failingRules: [],
          lastCheckedAt: '2026-01-01T00:00:00.000Z',
        },
        {
          entityRef: 'dataproduct:default/customer-profiles',
          status: 'unknown' as const,
          failingRules: [],
        },
      ],
    };

    it("shows the contract monitor's status of the products on the page, asked in one request", async () => {
      const dataMeshApi = mockDataMeshApi({
        getProductsQualityStatus: jest.fn(async () => qualityStatus),
      });
      await renderPage(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi,
      });
      expect(
        await within(await waitFor(() => rowOf('Orders placed'))).findByText(
          'failing',
        ),
      ).toBeInTheDocument();
      expect(
        within(rowOf('Payments settled')).getByText('ok'),
      ).toBeInTheDocument();
      expect(
        within(rowOf('customer-profiles')).getByText('unknown'),
      ).toBeInTheDocument();
      expect(dataMeshApi.getProductsQualityStatus).toHaveBeenCalledTimes(1);
    });

    it('shows a pending mark until the status is known', async () => {
      await renderPage(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getProductsQualityStatus: jest.fn(() => new Promise<never>(() => {})),
        }),
      });
      await screen.findByText('Orders placed');
      expect(within(rowOf('Orders placed')).getByText('…')).toBeInTheDocument();
    });
  });

  it('reloads the page from the catalog', async () => {
    const { pageRequests } = await renderPage(<DataProductDiscoveryContent />, {
      entities: allProducts,
    });
    await screen.findByText('Orders placed');
    await waitFor(() => expect(pageRequests().length).toBeGreaterThan(0));
    const before = pageRequests().length;
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(pageRequests().length).toBe(before + 1));
  });

  it('shows the error when the catalog cannot be read', async () => {
    await renderPage(<DataProductDiscoveryContent />, {
      entities: allProducts,
      catalogError: new Error('catalog is down'),
    });
    expect(
      await screen.findByText(/Could not load data products/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog is down/).length).toBeGreaterThan(0);
  });

  it('says when no product matches the filters', async () => {
    await renderPage(<DataProductDiscoveryContent />, {
      entities: allProducts,
      url: '/?filters[text]=nothing-like-this',
    });
    expect(
      await screen.findByText(
        'No data product matches the search and filters.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No data products published yet')).toBeNull();
  });

  it('explains how to publish when there is no product', async () => {
    await renderPage(<DataProductDiscoveryContent />, { entities: [] });
    expect(
      await screen.findByText('No data products published yet'),
    ).toBeInTheDocument();
    // in the empty state, and in the candidate streams' hint below it; the
    // ways named are those of an installed suite, not this repo's CLI
    expect(
      screen.getAllByText('PUT /api/data-mesh/products/<namespace>/<name>'),
    ).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: 'Create data product' }),
    ).toHaveAttribute('href', '/create');
    expect(screen.queryByText(/yarn mesh/)).not.toBeInTheDocument();
  });

  describe('candidate streams', () => {
    it('lists topics with schemas that are not published yet', async () => {
      const dataMeshApi = mockDataMeshApi({
        getCandidateStreams: jest.fn(async () => candidateStreams),
      });
      await renderPage(<DataProductDiscoveryPage />, {
        entities: allProducts,
        dataMeshApi,
      });
      expect(await screen.findByText('Orders placed')).toBeInTheDocument();
      const table = await screen.findByRole('table', {
        name: 'Candidate streams',
      });
      const row = within(table)
        .getByText('commerce.carts-abandoned.v1')
        .closest('tr')!;
      expect(within(row).getByText('local')).toBeInTheDocument();
      expect(
        within(row).getByText('commerce.carts-abandoned.v1-value'),
      ).toBeInTheDocument();
      expect(
        within(table).getByText('marketing.clicks.v1-value'),
      ).toBeInTheDocument();
      expect(within(table).getAllByRole('row')).toHaveLength(3);
      expect(
        screen.getByRole('link', { name: 'Add a stream to the mesh' }),
      ).toHaveAttribute('href', '/create');
      expect(dataMeshApi.getCandidateStreams).toHaveBeenCalledTimes(1);
    });

    it('shows its error without hiding the products table', async () => {
      const boom = await responseError(503, 'catalog module unavailable');
      await renderPage(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getCandidateStreams: jest.fn(() => Promise.reject(boom)),
        }),
      });
      expect(
        await screen.findByText(/Could not load the candidate streams/),
      ).toBeInTheDocument();
      expect(await screen.findByText('Orders placed')).toBeInTheDocument();
      expect(
        screen.queryByRole('table', { name: 'Candidate streams' }),
      ).not.toBeInTheDocument();
    });

    it('is shown when no product is published yet', async () => {
      await renderPage(<DataProductDiscoveryContent />, {
        entities: [],
        dataMeshApi: mockDataMeshApi({
          getCandidateStreams: jest.fn(async () => candidateStreams),
        }),
      });
      expect(
        await screen.findByText('No data products published yet'),
      ).toBeInTheDocument();
      expect(
        await screen.findByText('marketing.clicks.v1'),
      ).toBeInTheDocument();
    });
  });
});
