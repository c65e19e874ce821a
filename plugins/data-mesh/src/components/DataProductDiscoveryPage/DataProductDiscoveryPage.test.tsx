import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { allProducts } from '../../__fixtures__/dataProducts';
import { renderWithApis } from '../../__testUtils__';
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
    expect(screen.getByText('yarn mesh publish <file>')).toBeInTheDocument();
    expect(screen.getByText('Create data product')).toBeInTheDocument();
  });
});
