import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { pendingRequest } from '../../__fixtures__/access';
import { checkoutTeam } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { GroupAccessRequestsCard } from './GroupAccessRequestsCard';

const otherRequest = {
  ...pendingRequest,
  id: 'req-pending-2',
  product: 'dataproduct:default/payments-settled',
  principal: 'User:fraud-checker',
  principalRef: 'resource:default/fraud-checker',
  groupPrefix: 'fraud-checker-',
  purpose: 'Fraud scoring',
  requestedBy: 'user:default/erik.johansson',
  duration: 'P7D',
};

describe('GroupAccessRequestsCard', () => {
  it('lists the pending requests the user may decide, with product links', async () => {
    const dataMeshApi = mockDataMeshApi({
      listAccessRequests: jest.fn(async () => ({
        items: [pendingRequest, otherRequest],
      })),
    });
    await renderWithApis(<GroupAccessRequestsCard />, {
      entity: checkoutTeam,
      dataMeshApi,
    });
    const table = await screen.findByRole('table', {
      name: 'Access requests to decide',
    });
    expect(dataMeshApi.listAccessRequests).toHaveBeenCalledWith({
      scope: 'owned',
      status: 'pending',
    });
    for (const header of [
      'Product',
      'Principal',
      'Requested by',
      'Purpose',
      'Decision',
    ]) {
      expect(
        within(table).getByRole('columnheader', { name: header }),
      ).toBeInTheDocument();
    }
    const row = within(table).getByText('Fraud scoring').closest('tr')!;
    expect(within(row).getByText('User:fraud-checker')).toBeInTheDocument();
    expect(within(row).getByText(/for 7 days/)).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /payments-settled/ }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/payments-settled');
    expect(
      within(row).getByRole('link', { name: /erik.johansson/ }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', {
        name: 'Approve access for User:fraud-checker',
      }),
    ).toBeInTheDocument();
  });

  it('denies with the note and reloads', async () => {
    const dataMeshApi = mockDataMeshApi({
      listAccessRequests: jest
        .fn()
        .mockResolvedValueOnce({ items: [pendingRequest] })
        .mockResolvedValue({ items: [] }),
      decideAccess: jest.fn(async () => ({
        ...pendingRequest,
        status: 'denied' as const,
      })),
    });
    await renderWithApis(<GroupAccessRequestsCard />, {
      entity: checkoutTeam,
      dataMeshApi,
    });
    fireEvent.change(
      await screen.findByRole('textbox', {
        name: 'Note for User:shipping-app',
      }),
      { target: { value: 'use the export instead' } },
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Deny access for User:shipping-app' }),
    );
    expect(
      await screen.findByText('No access request waits for your decision.'),
    ).toBeInTheDocument();
    expect(dataMeshApi.decideAccess).toHaveBeenCalledWith(
      pendingRequest.id,
      'deny',
      { note: 'use the export instead' },
    );
    expect(dataMeshApi.listAccessRequests).toHaveBeenCalledTimes(2);
  });

  it("shows a refused approval in the backend's words", async () => {
    const forbidden = await responseError(403, 'you do not own this product');
    const dataMeshApi = mockDataMeshApi({
      listAccessRequests: jest.fn(async () => ({ items: [pendingRequest] })),
      decideAccess: jest.fn(() => Promise.reject(forbidden)),
    });
    await renderWithApis(<GroupAccessRequestsCard />, {
      entity: checkoutTeam,
      dataMeshApi,
    });
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Approve access for User:shipping-app',
      }),
    );
    expect(
      await screen.findByText('you do not own this product'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Approve access for User:shipping-app',
        }),
      ).toBeEnabled(),
    );
  });

  it('shows an error when the requests cannot be listed', async () => {
    const boom = await responseError(503, 'database away');
    await renderWithApis(<GroupAccessRequestsCard />, {
      entity: checkoutTeam,
      dataMeshApi: mockDataMeshApi({
        listAccessRequests: jest.fn(() => Promise.reject(boom)),
      }),
    });
    expect(
      await screen.findByText(/Could not load the access requests/),
    ).toBeInTheDocument();
  });
});
