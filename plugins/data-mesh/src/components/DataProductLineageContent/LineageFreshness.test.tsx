import { renderHook, screen, waitFor } from '@testing-library/react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Entity } from '@backstage/catalog-model';
import type { EntityNode } from '@backstage/plugin-catalog-graph';
import type { ProductsFreshnessResponse } from '@kafka-mesh/plugin-data-mesh-common';
import {
  checkoutService,
  customerProfiles,
  ordersPlaced,
  paymentsSettled,
} from '../../__fixtures__/dataProducts';
import { mockDataMeshApi, renderWithApis } from '../../__testUtils__';
import {
  LineageFreshnessProvider,
  useLineageFreshness,
} from './LineageFreshness';
import { LineageNode } from './LineageNode';

function graphOf(entities: Entity[]) {
  return (
    <LineageFreshnessProvider>
      <svg>
        {entities.map(entity => {
          const id = stringifyEntityRef(entity);
          const node = {
            id,
            entity,
            name: entity.metadata.name,
            namespace: entity.metadata.namespace ?? 'default',
          } as EntityNode;
          return <LineageNode key={id} node={node} />;
        })}
      </svg>
    </LineageFreshnessProvider>
  );
}

describe('LineageFreshnessProvider', () => {
  it('asks the freshness of all product nodes in one request', async () => {
    let answer: (response: ProductsFreshnessResponse) => void = () => {};
    const api = mockDataMeshApi({
      getProductsFreshness: jest.fn(
        () => new Promise(resolve => (answer = resolve)),
      ),
    });
    await renderWithApis(
      graphOf([
        ordersPlaced,
        paymentsSettled,
        customerProfiles,
        checkoutService,
      ]),
      { dataMeshApi: api },
    );

    expect(await screen.findByText('tier-1 · checking…')).toBeInTheDocument();
    expect(screen.getByText('tier-3 · checking…')).toBeInTheDocument();
    expect(screen.getByText('component')).toBeInTheDocument();
    await waitFor(() => expect(api.getProductsFreshness).toHaveBeenCalled());
    answer({
      items: {
        'dataproduct:default/orders-placed': {
          status: 'at-risk',
          ageMs: 240_000,
          slaFreshness: 'PT5M',
        },
        'dataproduct:default/payments-settled': {
          status: 'ok',
          ageMs: 1000,
          slaFreshness: 'PT15M',
        },
      },
    });

    expect(
      await screen.findByText('tier-1 · freshness at risk · 4 min old'),
    ).toBeInTheDocument();
    expect(screen.getByText('tier-2 · fresh · 1 s old')).toBeInTheDocument();
    // Left out of the answer, e.g. not visible to the user.
    expect(screen.getByText('tier-3 · health unavailable')).toBeInTheDocument();
    expect(api.getProductsFreshness.mock.calls).toEqual([
      [
        [
          'dataproduct:default/customer-profiles',
          'dataproduct:default/orders-placed',
          'dataproduct:default/payments-settled',
        ],
      ],
    ]);
    expect(api.getHealth).not.toHaveBeenCalled();
  });

  it('says health is unavailable when the request fails', async () => {
    const api = mockDataMeshApi({
      getProductsFreshness: jest.fn(async () => {
        throw new Error('Kafka is unavailable');
      }),
    });
    await renderWithApis(graphOf([ordersPlaced, customerProfiles]), {
      dataMeshApi: api,
    });
    expect(
      await screen.findByText('tier-1 · health unavailable'),
    ).toBeInTheDocument();
    expect(screen.getByText('tier-3 · health unavailable')).toBeInTheDocument();
    expect(api.getProductsFreshness).toHaveBeenCalledTimes(1);
  });

  it('needs the provider around the nodes', () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(() =>
      renderHook(() => useLineageFreshness('dataproduct:default/a')),
    ).toThrow(
      'useLineageFreshness must be used inside a LineageFreshnessProvider',
    );
  });
});
