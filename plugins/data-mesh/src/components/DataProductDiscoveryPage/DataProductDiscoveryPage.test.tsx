import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  candidateStreams,
  productsFreshness,
} from '../../__fixtures__/apiResponses';
import { allProducts } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import {
  DataProductDiscoveryContent,
  DataProductDiscoveryPage,
} from './DataProductDiscoveryPage';

describe('DataProductDiscoveryPage', () => {
  it('lists data products with their key facts', async () => {
    await renderWithApis(<DataProductDiscoveryPage />, {
      entities: allProducts,
    });
    expect(await screen.findByText('Orders placed')).toBeInTheDocument();
    expect(screen.getByText('Payments settled')).toBeInTheDocument();
    expect(screen.getByText('customer-profiles')).toBeInTheDocument();
    expect(screen.getByText('Data products (3 of 3)')).toBeInTheDocument();

    const row = screen.getByText('Orders placed').closest('tr')!;
    expect(
      within(row).getByText(
        'Every order placed in the web shop, in real time.',
      ),
    ).toBeInTheDocument();
    expect(within(row).getByText('commerce')).toBeInTheDocument();
    expect(within(row).getByText('tier-1')).toBeInTheDocument();
    expect(within(row).getByText('curated')).toBeInTheDocument();
    // the promised freshness until the live state is known
    expect(within(row).getByText('SLA PT5M')).toBeInTheDocument();
    // two consuming components and the processor of one downstream product
    expect(within(row).getByText('3')).toBeInTheDocument();
    expect(within(row).getByText('Orders placed').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/orders-placed',
    );
    const unobserved = screen.getByText('customer-profiles').closest('tr')!;
    expect(within(unobserved).getByText('SLA PT1H')).toBeInTheDocument();
  });

  describe('live freshness', () => {
    const rowOf = (title: string) => screen.getByText(title).closest('tr')!;

    it('shows the live state of every listed product, asked in one request', async () => {
      const dataMeshApi = mockDataMeshApi({
        getProductsFreshness: jest.fn(async () => productsFreshness),
      });
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi,
      });
      expect(await screen.findByText('12s ago · SLA PT5M')).toBeInTheDocument();
      expect(
        within(rowOf('Orders placed')).getByText('12s ago · SLA PT5M'),
      ).toBeInTheDocument();
      expect(
        within(rowOf('Payments settled')).getByText(
          'breached: 3h ago · SLA PT15M',
        ),
      ).toBeInTheDocument();
      expect(
        within(rowOf('customer-profiles')).getByText('no records · SLA PT1H'),
      ).toBeInTheDocument();
      expect(dataMeshApi.getProductsFreshness).toHaveBeenCalledTimes(1);
      expect(dataMeshApi.getProductsFreshness).toHaveBeenCalledWith([
        'dataproduct:default/customer-profiles',
        'dataproduct:default/orders-placed',
        'dataproduct:default/payments-settled',
      ]);
    });

    it('asks for the products still listed once a filter applies', async () => {
      const dataMeshApi = mockDataMeshApi({
        getProductsFreshness: jest.fn(async () => productsFreshness),
      });
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi,
      });
      await screen.findByText('12s ago · SLA PT5M');
      await userEvent.selectOptions(
        screen.getByLabelText('SLA tier'),
        'tier-2',
      );
      await waitFor(() =>
        expect(dataMeshApi.getProductsFreshness).toHaveBeenLastCalledWith([
          'dataproduct:default/payments-settled',
        ]),
      );
      expect(
        within(rowOf('Payments settled')).getByText(
          'breached: 3h ago · SLA PT15M',
        ),
      ).toBeInTheDocument();
    });

    it('sorts by the live state: fresh first, then at risk, breached, unknown', async () => {
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getProductsFreshness: jest.fn(async () => productsFreshness),
        }),
      });
      await screen.findByText('12s ago · SLA PT5M');
      const titles = () =>
        screen
          .getAllByRole('row')
          .filter(row => row.querySelector('a[href*="/dataproduct/"]'))
          .map(row => within(row).getAllByRole('cell')[0].textContent);
      await userEvent.click(screen.getByText('Freshness'));
      expect(titles()).toEqual([
        'Orders placed',
        'Payments settled',
        'customer-profiles',
      ]);
      await userEvent.click(screen.getByText('Freshness'));
      expect(titles()).toEqual([
        'customer-profiles',
        'Payments settled',
        'Orders placed',
      ]);
    });

    it('falls back to the promised freshness, with a hint, when it cannot be read', async () => {
      const down = await responseError(503, 'Kafka is unavailable: timeout');
      await renderWithApis(<DataProductDiscoveryContent />, {
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
        within(rowOf('Orders placed')).getByText('SLA PT5M'),
      ).toBeInTheDocument();
      expect(screen.getByText('Data products (3 of 3)')).toBeInTheDocument();
    });
  });

  describe('quality checks', () => {
    const rowOf = (title: string) => screen.getByText(title).closest('tr')!;
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

    it("shows the contract monitor's status of every listed product, asked in one request", async () => {
      const dataMeshApi = mockDataMeshApi({
        getProductsQualityStatus: jest.fn(async () => qualityStatus),
      });
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi,
      });
      expect(
        screen.getByRole('columnheader', { name: 'Checks' }),
      ).toBeInTheDocument();
      expect(
        await within(rowOf('Orders placed')).findByText('failing'),
      ).toBeInTheDocument();
      expect(
        within(rowOf('Payments settled')).getByText('ok'),
      ).toBeInTheDocument();
      expect(
        within(rowOf('customer-profiles')).getByText('unknown'),
      ).toBeInTheDocument();
      expect(dataMeshApi.getProductsQualityStatus).toHaveBeenCalledTimes(1);
      expect(dataMeshApi.getProductsQualityStatus).toHaveBeenCalledWith([
        'dataproduct:default/customer-profiles',
        'dataproduct:default/orders-placed',
        'dataproduct:default/payments-settled',
      ]);
    });

    it('shows a pending mark until the status is known', async () => {
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getProductsQualityStatus: jest.fn(() => new Promise<never>(() => {})),
        }),
      });
      await screen.findByText('Orders placed');
      expect(within(rowOf('Orders placed')).getByText('…')).toBeInTheDocument();
    });

    it('filters by status: failing, ok, and unknown for products never checked', async () => {
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getProductsQualityStatus: jest.fn(async () => qualityStatus),
        }),
      });
      await within(rowOf('Orders placed')).findByText('failing');
      const filter = screen.getByLabelText('Quality checks');
      expect(
        within(filter)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual(['All', 'ok', 'failing', 'unknown']);

      await userEvent.selectOptions(filter, 'failing');
      await waitFor(() =>
        expect(screen.queryByText('Payments settled')).not.toBeInTheDocument(),
      );
      expect(screen.getByText('Orders placed')).toBeInTheDocument();
      expect(screen.queryByText('customer-profiles')).not.toBeInTheDocument();
      expect(screen.getByText('Data products (1 of 3)')).toBeInTheDocument();

      await userEvent.selectOptions(filter, 'ok');
      await waitFor(() =>
        expect(screen.getByText('Data products (1 of 3)')).toBeInTheDocument(),
      );
      expect(screen.getByText('Payments settled')).toBeInTheDocument();
      expect(screen.queryByText('Orders placed')).not.toBeInTheDocument();

      await userEvent.selectOptions(filter, 'unknown');
      await waitFor(() =>
        expect(screen.getByText('customer-profiles')).toBeInTheDocument(),
      );
      expect(screen.queryByText('Payments settled')).not.toBeInTheDocument();

      await userEvent.selectOptions(filter, '');
      await waitFor(() =>
        expect(screen.getByText('Data products (3 of 3)')).toBeInTheDocument(),
      );
    });

    it('combines with the other filters, asking only for the products they leave', async () => {
      const dataMeshApi = mockDataMeshApi({
        getProductsQualityStatus: jest.fn(async () => qualityStatus),
      });
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi,
      });
      await within(rowOf('Orders placed')).findByText('failing');
      await userEvent.selectOptions(
        screen.getByLabelText('SLA tier'),
        'tier-2',
      );
      await waitFor(() =>
        expect(dataMeshApi.getProductsQualityStatus).toHaveBeenLastCalledWith([
          'dataproduct:default/payments-settled',
        ]),
      );
      await userEvent.selectOptions(
        screen.getByLabelText('Quality checks'),
        'failing',
      );
      await waitFor(() =>
        expect(screen.getByText('Data products (0 of 3)')).toBeInTheDocument(),
      );
    });

    it('counts a product the backend left out as unknown', async () => {
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getProductsQualityStatus: jest.fn(async () => ({
            items: qualityStatus.items.slice(0, 1),
          })),
        }),
      });
      await within(rowOf('Orders placed')).findByText('failing');
      await userEvent.selectOptions(
        screen.getByLabelText('Quality checks'),
        'unknown',
      );
      await waitFor(() =>
        expect(screen.getByText('Data products (2 of 3)')).toBeInTheDocument(),
      );
      expect(screen.getByText('Payments settled')).toBeInTheDocument();
      expect(screen.getByText('customer-profiles')).toBeInTheDocument();
    });
  });

  it('filters by SLA tier', async () => {
    await renderWithApis(<DataProductDiscoveryContent />, {
      entities: allProducts,
    });
    await screen.findByText('Orders placed');
    await userEvent.selectOptions(screen.getByLabelText('SLA tier'), 'tier-2');
    await waitFor(() =>
      expect(screen.queryByText('Orders placed')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Payments settled')).toBeInTheDocument();
    expect(screen.queryByText('customer-profiles')).not.toBeInTheDocument();
    expect(screen.getByText('Data products (1 of 3)')).toBeInTheDocument();
  });

  it('filters by personal data', async () => {
    await renderWithApis(<DataProductDiscoveryContent />, {
      entities: allProducts,
    });
    await screen.findByText('Orders placed');
    await userEvent.selectOptions(
      screen.getByLabelText('Personal data'),
      'yes',
    );
    expect(screen.getByText('Data products (1 of 3)')).toBeInTheDocument();
    expect(screen.getByText('Orders placed')).toBeInTheDocument();
  });

  it('searches by text in description and tags', async () => {
    await renderWithApis(<DataProductDiscoveryContent />, {
      entities: allProducts,
    });
    await screen.findByText('Orders placed');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search data products' }),
      'psp',
    );
    expect(screen.getByText('Payments settled')).toBeInTheDocument();
    expect(screen.queryByText('Orders placed')).not.toBeInTheDocument();

    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Search data products' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search data products' }),
      'customers',
    );
    expect(screen.getByText('customer-profiles')).toBeInTheDocument();
    expect(screen.getByText('Data products (1 of 3)')).toBeInTheDocument();
  });

  it('explains how to publish when there is no product', async () => {
    await renderWithApis(<DataProductDiscoveryContent />, { entities: [] });
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
      await renderWithApis(<DataProductDiscoveryPage />, {
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
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
        dataMeshApi: mockDataMeshApi({
          getCandidateStreams: jest.fn(() => Promise.reject(boom)),
        }),
      });
      expect(
        await screen.findByText(/Could not load the candidate streams/),
      ).toBeInTheDocument();
      expect(screen.getByText('Orders placed')).toBeInTheDocument();
      expect(screen.getByText('Data products (3 of 3)')).toBeInTheDocument();
      expect(
        screen.queryByRole('table', { name: 'Candidate streams' }),
      ).not.toBeInTheDocument();
    });

    it('says when there is no candidate', async () => {
      await renderWithApis(<DataProductDiscoveryContent />, {
        entities: allProducts,
      });
      expect(
        await screen.findByText(/No candidate streams/),
      ).toBeInTheDocument();
    });

    it('is shown when no product is published yet', async () => {
      await renderWithApis(<DataProductDiscoveryContent />, {
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
