import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import type { DataMeshApi } from '../../api';
import {
  kafkaPrincipal,
  pendingRequest,
  readerAccess,
} from '../../__fixtures__/access';
import { ordersPlaced } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { DataProductAccessContent } from './DataProductAccessContent';

const ownership = ['user:default/chloe.martin', 'group:default/shipping-team'];

async function openDialog(
  dataMeshApi: DataMeshApi,
  principals = [
    kafkaPrincipal('shipping-app', { title: 'Shipping app' }),
    kafkaPrincipal('label-printer', {
      principal: 'User:CN=label-printer,O=shipping',
    }),
  ],
) {
  const getEntities = jest.fn(async () => ({ items: principals }));
  await renderWithApis(
    <TestApiProvider
      apis={[
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/chloe.martin',
            ownershipEntityRefs: ownership,
          }),
        ],
        [catalogApiRef, { getEntities }],
      ]}
    >
      <DataProductAccessContent />
    </TestApiProvider>,
    { entity: ordersPlaced, dataMeshApi },
  );
  fireEvent.click(
    await screen.findByRole('button', { name: 'Request access' }),
  );
  const dialog = await screen.findByRole('dialog');
  return { dialog, getEntities };
}

function fill(dialog: HTMLElement, label: RegExp, value: string) {
  fireEvent.change(within(dialog).getByLabelText(label), {
    target: { value },
  });
}

describe('RequestAccessDialog', () => {
  it("lists only the principals the catalog returns for the user's teams", async () => {
    const { dialog, getEntities } = await openDialog(
      mockDataMeshApi({ getProductAccess: jest.fn(async () => readerAccess) }),
    );
    const select = await within(dialog).findByLabelText(/Kafka principal/);
    const options = within(select).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'label-printer',
      'Shipping app (shipping-app)',
    ]);
    expect(getEntities).toHaveBeenCalledWith({
      filter: {
        kind: 'Resource',
        'spec.type': 'kafka-principal',
        'relations.ownedBy': ownership,
      },
      fields: expect.arrayContaining(['metadata.name', 'metadata.namespace']),
    });
    expect(
      within(dialog).getByText(
        'On the broker: User:CN=label-printer,O=shipping',
      ),
    ).toBeInTheDocument();
    // the prefix follows the principal
    expect(within(dialog).getByLabelText(/Consumer-group prefix/)).toHaveValue(
      'label-printer-',
    );
    fireEvent.change(select, {
      target: { value: 'resource:default/shipping-app' },
    });
    expect(within(dialog).getByLabelText(/Consumer-group prefix/)).toHaveValue(
      'shipping-app-',
    );
    expect(
      within(dialog).getByText('On the broker: User:shipping-app'),
    ).toBeInTheDocument();
  });

  it('needs a purpose, sends the request and closes', async () => {
    const dataMeshApi = mockDataMeshApi({
      getProductAccess: jest.fn(async () => readerAccess),
      requestAccess: jest.fn(async () => pendingRequest),
    });
    const { dialog } = await openDialog(dataMeshApi);
    await within(dialog).findByLabelText(/Kafka principal/);
    const send = within(dialog).getByRole('button', { name: 'Send request' });
    expect(send).toBeDisabled();

    fireEvent.change(within(dialog).getByLabelText(/Kafka principal/), {
      target: { value: 'resource:default/shipping-app' },
    });
    fill(dialog, /Consumer-group prefix/, 'shipping-app-labels-');
    fill(dialog, /Purpose/, 'Print shipping labels');
    fill(dialog, /Duration/, 'P7D');
    expect(send).toBeEnabled();
    fireEvent.click(send);

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(dataMeshApi.requestAccess).toHaveBeenCalledWith(
      { namespace: 'default', name: 'orders-placed' },
      {
        principal: 'resource:default/shipping-app',
        groupPrefix: 'shipping-app-labels-',
        purpose: 'Print shipping labels',
        duration: 'P7D',
      },
    );
    expect(
      screen.getByText(/Your request for User:shipping-app was sent/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(dataMeshApi.getProductAccess).toHaveBeenCalledTimes(2),
    );
  });

  it('says so when the request was approved at once', async () => {
    const dataMeshApi = mockDataMeshApi({
      getProductAccess: jest.fn(async () => readerAccess),
      requestAccess: jest.fn(async () => ({
        ...pendingRequest,
        approvalRequired: false,
        status: 'approved' as const,
        aclState: 'applying' as const,
      })),
    });
    const { dialog } = await openDialog(dataMeshApi);
    await within(dialog).findByLabelText(/Kafka principal/);
    fill(dialog, /Purpose/, 'Dashboards');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(
      await screen.findByText(
        /was granted at once: this product needs no approval/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message on 403 and stays open", async () => {
    const forbidden = await responseError(
      403,
      'resource:default/label-printer is not owned by your teams',
    );
    const dataMeshApi = mockDataMeshApi({
      getProductAccess: jest.fn(async () => readerAccess),
      requestAccess: jest.fn(() => Promise.reject(forbidden)),
    });
    const { dialog } = await openDialog(dataMeshApi);
    await within(dialog).findByLabelText(/Kafka principal/);
    fill(dialog, /Purpose/, 'Dashboards');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Not allowed');
    expect(alert).toHaveTextContent(
      'resource:default/label-printer is not owned by your teams',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Send request' }),
    ).toBeEnabled();
  });

  it('explains when no team of the user owns a principal', async () => {
    const { dialog } = await openDialog(
      mockDataMeshApi({ getProductAccess: jest.fn(async () => readerAccess) }),
      [],
    );
    expect(
      await within(dialog).findByText(
        /None of your teams owns a Kafka principal/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Send request' }),
    ).toBeDisabled();
  });
});
