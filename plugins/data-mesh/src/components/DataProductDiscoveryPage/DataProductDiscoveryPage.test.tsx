import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { candidateStreams } from '../../__fixtures__/apiResponses';
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
    // effective freshness from spec.observed
    expect(within(row).getByText('PT15M')).toBeInTheDocument();
    // two consuming components (the downstream product is not counted)
    expect(within(row).getByText('2')).toBeInTheDocument();
    expect(within(row).getByText('Orders placed').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/orders-placed',
    );
    const unobserved = screen.getByText('customer-profiles').closest('tr')!;
    expect(
      within(unobserved).getByText('Not observed yet'),
    ).toBeInTheDocument();
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
    // in the empty state, and in the candidate streams' hint below it
    expect(screen.getAllByText('yarn mesh publish <file>')).toHaveLength(2);
    expect(screen.getByText('Create data product')).toBeInTheDocument();
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
      expect(screen.getByText('yarn mesh publish <file>')).toBeInTheDocument();
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
