import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
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

const records = [
  { orderId: 'x-1', customer: { email: 'a@example.com' } },
  { orderId: 'x-2', customer: { email: 'b@example.com' } },
];

describe('Download test data (Schema tab)', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:test-data');
  let downloads: string[];

  beforeEach(() => {
    downloads = [];
    createObjectURL.mockClear();
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });
  });

  afterEach(() => jest.restoreAllMocks());

  const api = (getSyntheticRecords: jest.Mock) =>
    mockDataMeshApi({
      getSchemaVersions: jest.fn(async () => schemaVersions),
      getSchemaVersion: jest.fn(async () => schemaVersion3),
      getSchemaDiff: jest.fn(async () => ({
        subject: schemaVersions.subject,
        from: 2,
        to: 3,
        changes: [],
      })),
      getSyntheticRecords,
    });

  it('saves 20 synthetic records of the product as a JSON file', async () => {
    const getSyntheticRecords = jest.fn(async () => ({ records }));
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi: api(getSyntheticRecords),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Download test data/ }),
    );
    expect(await screen.findByText('Saved 2 made-up records.')).toBeTruthy();
    expect(getSyntheticRecords).toHaveBeenCalledWith(
      { namespace: 'default', name: 'orders-placed' },
      { count: 20 },
    );
    expect(downloads).toEqual(['orders-placed-synthetic.json']);
    const blob = createObjectURL.mock.calls[0][0];
    expect(JSON.parse(await blob.text())).toEqual(records);
  });

  it('says why no test data could be made', async () => {
    const error = await responseError(404, 'no schema registered');
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi: api(jest.fn(() => Promise.reject(error))),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Download test data/ }),
    );
    expect(
      await screen.findByText(/Could not generate test data/),
    ).toBeInTheDocument();
    expect(downloads).toEqual([]);
  });

  /** A failed response as the backend sends it, with its headers. */
  async function backendError(
    status: number,
    error: { name: string; message: string },
    headers: Record<string, string> = {},
  ) {
    const { ResponseError } = await import('@backstage/errors');
    return ResponseError.fromResponse({
      ok: false,
      status,
      statusText: 'failed',
      url: 'http://localhost/api/data-mesh',
      headers: new Headers({ 'content-type': 'application/json', ...headers }),
      text: async () =>
        JSON.stringify({ error, response: { statusCode: status } }),
    } as any);
  }

  it.each([
    [
      'a refusal by the policy',
      403,
      { name: 'NotAllowedError', message: 'You may not …' },
      {},
      'Could not generate test data: You may not generate test data for this product.',
    ],
    [
      'a busy backend, with when to try again',
      429,
      { name: 'TooManyRequestsError', message: 'Too many …' },
      { 'Retry-After': '2' },
      'Could not generate test data: The portal is generating test data for others right now; try again in 2 seconds.',
    ],
    [
      'a schema beyond the limits, in the backend’s words',
      400,
      {
        name: 'InputError',
        message:
          "Cannot generate synthetic records: 'tags' needs 10000000 items (minItems), more than the limit of 1000 items per array (maxArrayItems)",
      },
      {},
      "Could not generate test data: Cannot generate synthetic records: 'tags' needs 10000000 items (minItems), more than the limit of 1000 items per array (maxArrayItems)",
    ],
  ])('explains %s', async (_case, status, error, headers, text) => {
    const failure = await backendError(status, error, headers);
    await renderWithApis(<DataProductSchemaContent />, {
      entity: ordersPlaced,
      dataMeshApi: api(jest.fn(() => Promise.reject(failure))),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Download test data/ }),
    );
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(downloads).toEqual([]);
  });
});
