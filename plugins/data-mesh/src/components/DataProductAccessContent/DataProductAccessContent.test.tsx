import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  appliedGrant,
  ownerAccess,
  pendingRequest,
  readerAccess,
  unavailableAccess,
} from '../../__fixtures__/access';
import { ordersPlaced } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { DataProductAccessContent } from './DataProductAccessContent';

const product = { namespace: 'default', name: 'orders-placed' };

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr')!;
}

describe('DataProductAccessContent', () => {
  it("shows an owner the broker's ACLs with drift, pending requests, grants and history", async () => {
    const dataMeshApi = mockDataMeshApi({
      getProductAccess: jest.fn(async () => ownerAccess),
    });
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });

    expect(
      await screen.findByText(/Access needs the owner's approval/),
    ).toBeInTheDocument();
    expect(screen.getByText('confidential')).toBeInTheDocument();
    expect(dataMeshApi.getProductAccess).toHaveBeenCalledWith(product);
    // owners decide; they do not request
    expect(
      screen.queryByRole('button', { name: 'Request access' }),
    ).not.toBeInTheDocument();

    for (const title of [
      'Who can read',
      'Pending requests',
      'Grants',
      'History',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }

    // who can read: one row per principal, drift per row
    const legacy = rowOf('User:legacy-etl');
    expect(within(legacy).getByText('unrequested')).toBeInTheDocument();
    expect(
      within(legacy).getByText('read topic commerce.orders-placed.v1'),
    ).toBeInTheDocument();
    const [analytics] = screen
      .getAllByText('User:analytics-loader')
      .map(e => e.closest('tr')!);
    expect(within(analytics).getByText('in sync')).toBeInTheDocument();
    expect(
      within(analytics).getByText('read groups analytics-loader-*'),
    ).toBeInTheDocument();
    const [fraud] = screen
      .getAllByText('User:fraud-checker')
      .map(e => e.closest('tr')!);
    expect(within(fraud).getByText('missing')).toBeInTheDocument();
    expect(
      within(fraud).getByText(
        'read groups fraud-checker-* (granted, missing on the broker)',
      ),
    ).toBeInTheDocument();

    // pending
    const pending = rowOf('Print shipping labels');
    expect(within(pending).getByText('User:shipping-app')).toBeInTheDocument();
    expect(
      within(pending).getByRole('button', {
        name: 'Approve access for User:shipping-app',
      }),
    ).toHaveTextContent('Approve');
    expect(
      within(pending).getByRole('button', {
        name: 'Deny access for User:shipping-app',
      }),
    ).toBeInTheDocument();

    // grants
    const fraudGrant = rowOf('Fraud scoring');
    expect(
      within(fraudGrant).getByText('being applied, the broker is away'),
    ).toBeInTheDocument();
    expect(
      within(fraudGrant).getByText('broker localhost:9092 unreachable'),
    ).toBeInTheDocument();
    const reportGrant = rowOf('Nightly revenue report');
    expect(within(reportGrant).getByText('applied')).toBeInTheDocument();
    expect(
      within(reportGrant).getByText('2026-05-02 10:00 UTC'),
    ).toBeInTheDocument();
    expect(
      within(reportGrant).getByRole('button', {
        name: 'Revoke access for User:analytics-loader',
      }),
    ).toBeInTheDocument();

    // history, newest first
    const history = screen.getByText('History').closest('.MuiPaper-root')!;
    const whens = within(history as HTMLElement)
      .getAllByText(/^2026-0\d-\d\d \d\d:\d\d UTC$/)
      .map(e => e.textContent);
    expect(whens).toEqual([
      '2026-03-01 09:00 UTC',
      '2026-02-01 10:00 UTC',
      '2026-02-01 10:00 UTC',
    ]);
    expect(
      within(history as HTMLElement).getByText('created ACLs'),
    ).toBeInTheDocument();
    expect(
      within(history as HTMLElement).getAllByText(/^created:/),
    ).toHaveLength(2);
  });

  it('approves with the note, then reloads', async () => {
    const dataMeshApi = mockDataMeshApi({
      getProductAccess: jest
        .fn()
        .mockResolvedValueOnce(ownerAccess)
        .mockResolvedValue({ ...ownerAccess, pending: [] }),
      decideAccess: jest.fn(async () => ({
        ...pendingRequest,
        status: 'approved' as const,
      })),
    });
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });
    const note = await screen.findByRole('textbox', {
      name: 'Note for User:shipping-app',
    });
    fireEvent.change(note, { target: { value: '  fine for labels ' } });
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Approve access for User:shipping-app',
      }),
    );
    await waitFor(() =>
      expect(dataMeshApi.decideAccess).toHaveBeenCalledWith(
        pendingRequest.id,
        'approve',
        { note: 'fine for labels' },
      ),
    );
    expect(
      await screen.findByText('No request waits for a decision.'),
    ).toBeInTheDocument();
    expect(dataMeshApi.getProductAccess).toHaveBeenCalledTimes(2);
  });

  it('revokes a grant and shows a refused decision in the backend’s words', async () => {
    const conflict = await responseError(409, 'the grant already ended');
    const dataMeshApi = mockDataMeshApi({
      getProductAccess: jest.fn(async () => ownerAccess),
      decideAccess: jest.fn(() => Promise.reject(conflict)),
    });
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Revoke access for User:analytics-loader',
      }),
    );
    expect(
      await screen.findByText('the grant already ended'),
    ).toBeInTheDocument();
    expect(dataMeshApi.decideAccess).toHaveBeenCalledWith(
      appliedGrant.id,
      'revoke',
      {},
    );
    expect(dataMeshApi.getProductAccess).toHaveBeenCalledTimes(1);
  });

  it('offers a reader the request button and no decisions', async () => {
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getProductAccess: jest.fn(async () => readerAccess),
      }),
    });
    expect(
      await screen.findByRole('button', { name: 'Request access' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^(Approve|Deny|Revoke) access/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Grants')).toBeInTheDocument();
  });

  it('says access needs no approval when the classification allows it', async () => {
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getProductAccess: jest.fn(async () => ({
          ...readerAccess,
          classification: 'public' as const,
          approvalRequired: false,
        })),
      }),
    });
    expect(
      await screen.findByText(/Access is granted at once, without approval/),
    ).toBeInTheDocument();
  });

  it('warns instead of the ACL table when the broker is away', async () => {
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getProductAccess: jest.fn(async () => unavailableAccess),
      }),
    });
    expect(
      await screen.findByText(
        "The broker's ACLs could not be read: Kafka cluster local is unreachable",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Who can read')).toBeInTheDocument();
    expect(screen.queryByText('Drift')).not.toBeInTheDocument();
    // the rest still shows
    expect(screen.getByText('Print shipping labels')).toBeInTheDocument();
  });

  it('shows an error when the access cannot be read', async () => {
    const boom = await responseError(503, 'database away');
    await renderWithApis(<DataProductAccessContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getProductAccess: jest.fn(() => Promise.reject(boom)),
      }),
    });
    expect(
      await screen.findByText(/Could not read the access/),
    ).toBeInTheDocument();
  });
});
