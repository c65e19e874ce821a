import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { RootCauseAlert } from './RootCauseAlert';

describe('RootCauseAlert', () => {
  it('names a lagging processor and links its product', async () => {
    await renderInTestApp(
      <RootCauseAlert
        rootCause={{
          product: 'dataproduct:default/orders-enriched',
          reason: 'processor-lagging',
          detail: 'its processor is 1200 records behind',
        }}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const alert = screen.getByTestId('root-cause');
    expect(alert).toHaveTextContent(
      'Root cause: the processor of orders-enriched is lagging behind its inputs.',
    );
    expect(alert).toHaveTextContent('its processor is 1200 records behind');
    expect(
      screen.getByRole('link', { name: 'orders-enriched' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/orders-enriched');
  });
});
