import { screen, within } from '@testing-library/react';
import { ordersPlaced } from '../../__fixtures__/dataProducts';
import { renderWithApis } from '../../__testUtils__';
import { DataProductLineageContent } from './DataProductLineageContent';

describe('DataProductLineageContent', () => {
  it('lists upstream and downstream products and consuming components', async () => {
    await renderWithApis(<DataProductLineageContent showGraph={false} />, {
      entity: ordersPlaced,
    });
    const upstream = await screen.findByRole('list', {
      name: 'Upstream data products',
    });
    expect(within(upstream).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/payments-settled',
    );
    const downstream = screen.getByRole('list', {
      name: 'Downstream data products',
    });
    expect(within(downstream).getByText('orders-enriched')).toBeInTheDocument();
    const components = screen.getByRole('list', {
      name: 'Consuming components',
    });
    expect(within(components).getAllByRole('link')).toHaveLength(2);
    expect(
      within(components).getByText('shipping-service'),
    ).toBeInTheDocument();
  });

  it('keeps the lists when the catalog graph cannot render', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    await renderWithApis(<DataProductLineageContent />, {
      entity: ordersPlaced,
    });
    expect(
      await screen.findByText(/needs the catalog graph plugin/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Consuming components' }),
    ).toBeInTheDocument();
  });
});
