import { screen, within } from '@testing-library/react';
import {
  allProducts,
  checkoutService,
  checkoutTeam,
} from '../../__fixtures__/dataProducts';
import { renderWithApis } from '../../__testUtils__';
import { GroupDataProductsCard } from './GroupDataProductsCard';

describe('GroupDataProductsCard', () => {
  it('shows the products a group owns and those its components consume', async () => {
    const paymentsWithConsumer = {
      ...allProducts[1],
      relations: [
        ...(allProducts[1].relations ?? []),
        {
          type: 'dependencyOf',
          targetRef: 'component:default/checkout-service',
        },
      ],
    };
    await renderWithApis(<GroupDataProductsCard />, {
      entity: checkoutTeam,
      entities: [
        allProducts[0],
        paymentsWithConsumer,
        allProducts[2],
        checkoutService,
      ],
    });
    const owned = await screen.findByRole('list', {
      name: 'Owned data products',
    });
    expect(within(owned).getByText('Orders placed')).toBeInTheDocument();
    expect(
      within(owned).queryByText('Payments settled'),
    ).not.toBeInTheDocument();
    expect(
      within(owned).getByText('tier-1 · fresh within 5 min · commerce'),
    ).toBeInTheDocument();

    const consumed = screen.getByRole('list', {
      name: 'Consumed data products',
    });
    expect(within(consumed).getByText('Payments settled')).toBeInTheDocument();
    // orders-placed, the group's own product, is built from it too.
    expect(
      within(consumed).getByText(
        'read by checkout-service, the processor of orders-placed',
      ),
    ).toBeInTheDocument();
  });

  it('counts the inputs of its derived products as consumed, without any component', async () => {
    await renderWithApis(<GroupDataProductsCard />, {
      entity: checkoutTeam,
      entities: allProducts,
    });
    const consumed = await screen.findByRole('list', {
      name: 'Consumed data products',
    });
    expect(within(consumed).getByText('Payments settled')).toBeInTheDocument();
    expect(
      within(consumed).getByText('read by the processor of orders-placed'),
    ).toBeInTheDocument();
  });

  it('says when the group has no products', async () => {
    await renderWithApis(<GroupDataProductsCard />, {
      entity: checkoutTeam,
      entities: [],
    });
    expect(
      await screen.findByText('This group owns no data product.'),
    ).toBeInTheDocument();
  });
});
