import { screen, within } from '@testing-library/react';
import {
  customerProfiles,
  ordersPlaced,
  paymentsSettled,
} from '../../__fixtures__/dataProducts';
import { renderWithApis } from '../../__testUtils__';
import { DataProductOverviewCard } from './DataProductOverviewCard';

describe('DataProductOverviewCard', () => {
  it('warns when the effective SLA is weaker than declared, naming the limiting input', async () => {
    await renderWithApis(<DataProductOverviewCard />, { entity: ordersPlaced });
    expect(
      await screen.findByText(/Effective SLA is weaker than declared/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'declared tier tier-1 is better than tier-2 from dataproduct:default/payments-settled',
      ),
    ).toBeInTheDocument();
    // the limiting input is linked, in the alert and per SLA field
    const links = screen.getAllByRole('link', { name: /payments-settled/ });
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/payments-settled',
    );
    const table = screen.getByRole('table', {
      name: 'Declared and effective SLA',
    });
    expect(table).toHaveTextContent('tier-1');
    expect(table).toHaveTextContent('tier-2');
    expect(table).toHaveTextContent('99.9%');
    expect(table).toHaveTextContent('99.5%');
  });

  it('says the SLA durations as people do, with the ISO value at hand', async () => {
    await renderWithApis(<DataProductOverviewCard />, { entity: ordersPlaced });
    const table = await screen.findByRole('table', {
      name: 'Declared and effective SLA',
    });
    const freshness = within(table).getByText('Freshness').closest('tr')!;
    expect(
      within(freshness).getByLabelText('5 min (PT5M)'),
    ).toBeInTheDocument();
    expect(
      within(freshness).getByLabelText('15 min (PT15M)'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('1 h (PT1H)')).toHaveTextContent('1 h');
    expect(screen.getByLabelText('1 week (P7D)')).toHaveTextContent('1 week');
  });

  it('shows quality, classification, on-call and support hours', async () => {
    await renderWithApis(<DataProductOverviewCard />, { entity: ordersPlaced });
    expect(await screen.findByText('curated')).toBeInTheDocument();
    expect(screen.getByText('confidential')).toBeInTheDocument();
    expect(screen.getByText('PII')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /oncall\.example\.com\/checkout/ }),
    ).toHaveAttribute('href', 'https://oncall.example.com/checkout');
    expect(screen.getAllByText('24x7').length).toBeGreaterThan(0);
  });

  it('shows a deprecation banner with sunset, replacement and reason', async () => {
    await renderWithApis(<DataProductOverviewCard />, { entity: ordersPlaced });
    expect(
      await screen.findByText('Deprecated: sunset on 2027-06-30'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Moves to the v2 schema with split addresses.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /orders-placed-v2/ }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/orders-placed-v2');
  });

  it('has no warning when the SLA can be kept', async () => {
    await renderWithApis(<DataProductOverviewCard />, {
      entity: paymentsSettled,
    });
    expect(await screen.findByText('authoritative')).toBeInTheDocument();
    expect(
      screen.queryByText(/Effective SLA is weaker/),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/Deprecated/)).not.toBeInTheDocument();
  });

  it('says when the product has not been observed yet', async () => {
    await renderWithApis(<DataProductOverviewCard />, {
      entity: customerProfiles,
    });
    expect(await screen.findByText(/Not observed yet/)).toBeInTheDocument();
  });
});
