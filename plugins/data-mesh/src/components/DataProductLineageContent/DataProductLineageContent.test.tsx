import { screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DefaultCatalogGraphApi,
  catalogGraphApiRef,
  catalogGraphRouteRef,
} from '@backstage/plugin-catalog-graph';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  customerProfiles,
  ordersPlaced,
  paymentsSettled,
} from '../../__fixtures__/dataProducts';
import { dataMeshApiRef } from '../../api';
import { mockDataMeshApi, renderWithApis } from '../../__testUtils__';
import { DataProductLineageContent } from './DataProductLineageContent';

const shippingService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shipping-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
  relations: [
    { type: 'dependsOn', targetRef: 'dataproduct:default/orders-placed' },
  ],
};

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

  it('asks the freshness of all product nodes of the graph in one request', async () => {
    // jsdom does not lay out SVG; the graph measures its nodes to place them.
    Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
      configurable: true,
      value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
    });
    // payments-settled is built from customer-profiles: a product two hops
    // from the focused one, loaded by the graph in a second round.
    const payments = {
      ...paymentsSettled,
      relations: [
        ...paymentsSettled.relations!,
        {
          type: 'dependsOn',
          targetRef: 'dataproduct:default/customer-profiles',
        },
      ],
    };
    const dataMeshApi = mockDataMeshApi({
      getProductsFreshness: jest.fn(async () => ({
        items: {
          'dataproduct:default/orders-placed': {
            status: 'ok' as const,
            ageMs: 1000,
            slaFreshness: 'PT5M',
          },
          'dataproduct:default/payments-settled': {
            status: 'breached' as const,
            ageMs: 3_600_000,
            slaFreshness: 'PT15M',
          },
        },
      })),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                ordersPlaced,
                payments,
                customerProfiles,
                shippingService,
              ],
            }),
          ],
          [catalogGraphApiRef, new DefaultCatalogGraphApi()],
          [dataMeshApiRef, dataMeshApi],
        ]}
      >
        <EntityProvider entity={ordersPlaced}>
          <DataProductLineageContent />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/catalog-graph': catalogGraphRouteRef,
        },
      },
    );

    expect(
      await screen.findByText('tier-1 · fresh · 1 s old', undefined, {
        timeout: 5000,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('tier-2 · SLA breached · 1 h old'),
    ).toBeInTheDocument();
    // Left out of the answer, e.g. not visible to the user.
    expect(screen.getByText('tier-3 · health unavailable')).toBeInTheDocument();
    expect(screen.getByText('component')).toBeInTheDocument();
    await waitFor(() =>
      expect(dataMeshApi.getProductsFreshness).toHaveBeenCalled(),
    );
    expect(dataMeshApi.getProductsFreshness.mock.calls).toEqual([
      [
        [
          'dataproduct:default/customer-profiles',
          'dataproduct:default/orders-placed',
          'dataproduct:default/payments-settled',
        ],
      ],
    ]);
    expect(dataMeshApi.getHealth).not.toHaveBeenCalled();

    // Left to right: upstream → product → consuming component.
    // A node's x: the sum of the translations of the groups around its title.
    const xOf = (text: string) => {
      let el: Element | null = screen
        .getAllByText(text)
        .find(e => e.closest('g[transform]'))!;
      let x = 0;
      while (el) {
        const match = /translate\(\s*(-?[\d.]+)/.exec(
          el.getAttribute('transform') ?? '',
        );
        if (match) x += Number(match[1]);
        el = el.parentElement;
      }
      return x;
    };
    const upstream = xOf('Payments settled');
    const focused = xOf('Orders placed');
    const component = xOf('shipping-service');
    expect(upstream).toBeLessThan(focused);
    expect(focused).toBeLessThan(component);
  });

  it('flags observed lineage that differs from the declared inputs', async () => {
    const drifting = {
      ...ordersPlaced,
      spec: {
        ...ordersPlaced.spec,
        processor: { consumerGroups: ['orders-app'] },
        observed: {
          ...ordersPlaced.spec.observed!,
          lineage: {
            cluster: 'local',
            activeGroups: ['orders-app'],
            declaredNotRead: [
              {
                input: 'dataproduct:default/payments-settled',
                topic: 'payments.settled.v1',
              },
            ],
            readNotDeclared: [
              {
                topic: 'crm.customer-profiles.v1',
                product: 'dataproduct:default/customer-profiles',
              },
              { topic: 'scratch' },
            ],
          },
        },
      },
    };
    await renderWithApis(<DataProductLineageContent showGraph={false} />, {
      entity: drifting,
    });
    const alert = await screen.findByTestId('lineage-drift');
    expect(alert).toHaveTextContent(
      'consumer groups of the processor: orders-app',
    );
    expect(alert).toHaveTextContent(
      'Declared but not read: payments-settled (payments.settled.v1)',
    );
    expect(alert).toHaveTextContent(
      'Read but not declared: crm.customer-profiles.v1 (customer-profiles), scratch',
    );
  });

  it('shows no drift flag when the processor reads what it declares', async () => {
    await renderWithApis(<DataProductLineageContent showGraph={false} />, {
      entity: {
        ...ordersPlaced,
        spec: {
          ...ordersPlaced.spec,
          observed: {
            ...ordersPlaced.spec.observed!,
            lineage: {
              cluster: 'local',
              activeGroups: ['orders-app'],
              declaredNotRead: [],
              readNotDeclared: [],
            },
          },
        },
      },
    });
    await screen.findByRole('list', { name: 'Upstream data products' });
    expect(screen.queryByTestId('lineage-drift')).not.toBeInTheDocument();
  });
});
