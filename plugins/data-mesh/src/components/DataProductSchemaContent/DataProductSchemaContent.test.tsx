import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  schemaDiff2to3,
  schemaVersion1,
  schemaVersion3,
  schemaVersions,
} from '../../__fixtures__/apiResponses';
import { ordersPlaced } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { DataProductSchemaContent } from './DataProductSchemaContent';

function api() {
  return mockDataMeshApi({
    getSchemaVersions: jest.fn(async () => schemaVersions),
    getSchemaVersion: jest.fn(async (_p, v) =>
      v === 1 ? schemaVersion1 : { ...schemaVersion3, version: Number(v) },
    ),
    getSchemaDiff: jest.fn(async (_p, from, to) => ({
      ...schemaDiff2to3,
      from,
      to,
    })),
  });
}

describe('DataProductSchemaContent', () => {
  it('renders the fields with PII badges, compatibility and raw schema', async () => {
    const dataMeshApi = api();
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });
    expect(await screen.findByText('customer.email')).toBeInTheDocument();
    expect(screen.getByText('orderId')).toBeInTheDocument();
    expect(screen.getByText('Contact address')).toBeInTheDocument();
    // the default of currency, in the fields table (the raw schema has it too)
    const fields = screen.getByText('orderId').closest('table')!;
    expect(within(fields).getByText('"EUR"')).toBeInTheDocument();
    expect(
      screen.getByLabelText('customer.email holds personal data'),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('orderId holds personal data'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByLabelText('Compatibility level BACKWARD'),
    ).toBeInTheDocument();
    expect(dataMeshApi.getSchemaVersion).toHaveBeenCalledWith(
      { namespace: 'default', name: 'orders-placed' },
      3,
    );
    // The highlighter loads its language lazily.
    await waitFor(() =>
      expect(screen.getByLabelText('Raw schema v3')).toHaveTextContent(
        '"name": "OrderPlaced"',
      ),
    );
  });

  it('switches versions with the version picker', async () => {
    const dataMeshApi = api();
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });
    await screen.findByText('customer.email');
    await userEvent.selectOptions(screen.getByLabelText('Version'), '1');
    expect(
      await screen.findByText('Fields of v1 (avro, id 40)'),
    ).toBeInTheDocument();
    const fields = screen.getByText('orderId').closest('table')!;
    expect(within(fields).queryByText('"EUR"')).not.toBeInTheDocument();
  });

  it('shows the diff between two chosen versions', async () => {
    const dataMeshApi = api();
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });
    const changes = await screen.findByRole('list', {
      name: 'Changes from v2 to v3',
    });
    expect(changes).toHaveTextContent('Added');
    expect(changes).toHaveTextContent('currency');
    expect(changes).toHaveTextContent('Removed');
    expect(changes).toHaveTextContent('legacyId');

    await userEvent.selectOptions(screen.getByLabelText('From version'), '1');
    await waitFor(() =>
      expect(dataMeshApi.getSchemaDiff).toHaveBeenLastCalledWith(
        { namespace: 'default', name: 'orders-placed' },
        1,
        3,
      ),
    );
    expect(
      await screen.findByRole('list', { name: 'Changes from v1 to v3' }),
    ).toBeInTheDocument();
  });

  it('explains a missing subject', async () => {
    const error = await responseError(404, 'subject not found');
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getSchemaVersions: jest.fn(() => Promise.reject(error)),
      }),
    });
    expect(await screen.findByText('No schema registered')).toBeInTheDocument();
  });
});
