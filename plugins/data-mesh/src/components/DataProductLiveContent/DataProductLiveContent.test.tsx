import { screen, waitFor, within } from '@testing-library/react';
import {
  consumers,
  makeHealth,
  samples,
} from '../../__fixtures__/apiResponses';
import { ordersPlaced } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { DataProductLiveContent } from './DataProductLiveContent';

describe('DataProductLiveContent', () => {
  it('shows freshness, throughput, partitions, consumer lag and masked samples', async () => {
    const dataMeshApi = mockDataMeshApi({
      getHealth: jest.fn(async () => makeHealth()),
      getConsumers: jest.fn(async () => ({
        ...consumers,
        observedAt: new Date().toISOString(),
      })),
      getSamples: jest.fn(async () => samples),
    });
    await renderWithApis(<DataProductLiveContent />, {
      entity: ordersPlaced,
      dataMeshApi,
    });

    expect(await screen.findByText('At risk')).toBeInTheDocument();
    expect(
      screen.getByText('Newest record 4 min old; the SLA promises 5 min.'),
    ).toBeInTheDocument();
    expect(screen.getByText('12.5 records/s')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Throughput over the last 10 minutes: 4, 6, 5, 0, 8, 10, 9.5, 11, 12, 12.5 records/s, oldest first',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/may be stale/)).not.toBeInTheDocument();

    // partitions
    expect(screen.getAllByText('1200').length).toBeGreaterThan(0);
    expect(screen.getByText('empty')).toBeInTheDocument();

    // consumer groups, with a link to the consuming component
    const group = (await screen.findByText('shipping-consumer')).closest('tr')!;
    expect(within(group).getByText('17')).toBeInTheDocument();
    expect(within(group).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/shipping-service',
    );
    expect(screen.getByText('not in the catalog')).toBeInTheDocument();

    // a masked sample value, shown as returned
    const sample = await screen.findByLabelText('Sample at offset 1199');
    // The highlighter loads its language lazily.
    await waitFor(() => expect(sample).toHaveTextContent('"email": "***"'));
    expect(screen.getByText(/masked: customer.email/)).toBeInTheDocument();
    expect(
      screen.getByText('Personal data fields are masked.'),
    ).toBeInTheDocument();
    expect(dataMeshApi.getSamples).toHaveBeenCalledWith(
      { namespace: 'default', name: 'orders-placed' },
      { limit: 10 },
    );
  });

  it('tells an owner which schema-marked personal fields piiFields misses', async () => {
    const finding =
      /The schema marks customer\.phone, shipping\.street as personal but piiFields does not list them/;
    const render = (piiVisible: boolean) =>
      renderWithApis(<DataProductLiveContent />, {
        entity: ordersPlaced,
        dataMeshApi: mockDataMeshApi({
          getHealth: jest.fn(async () => makeHealth()),
          getConsumers: jest.fn(async () => consumers),
          getSamples: jest.fn(async () => ({
            ...samples,
            piiVisible,
            unlistedPiiFields: ['customer.phone', 'shipping.street'],
          })),
        }),
      });

    const owner = await render(true);
    expect(await screen.findByText(finding)).toBeInTheDocument();
    owner.unmount();

    await render(false);
    expect(
      await screen.findByLabelText('Sample at offset 1199'),
    ).toBeInTheDocument();
    expect(screen.queryByText(finding)).not.toBeInTheDocument();
  });

  it('omits the sparkline without throughput history', async () => {
    await renderWithApis(<DataProductLiveContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getHealth: jest.fn(async () => ({
          ...makeHealth(),
          throughputHistory: [],
        })),
        getConsumers: jest.fn(async () => consumers),
        getSamples: jest.fn(async () => samples),
      }),
    });
    expect(await screen.findByText('12.5 records/s')).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /^Throughput over/ }),
    ).not.toBeInTheDocument();
  });

  it('names the root cause of a freshness breach', async () => {
    await renderWithApis(<DataProductLiveContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getHealth: jest.fn(async () => ({
          ...makeHealth(),
          rootCause: {
            product: 'dataproduct:default/page-views',
            reason: 'upstream-breached' as const,
            detail:
              'dataproduct:default/page-views is itself stale: its newest record is 3 h old, its SLA promises 5 min',
          },
        })),
        getConsumers: jest.fn(async () => consumers),
        getSamples: jest.fn(async () => samples),
      }),
    });
    const notice = await screen.findByTestId('root-cause');
    expect(notice).toHaveTextContent(
      'Root cause: the upstream product page-views is itself breaching its freshness SLA.',
    );
    expect(notice).toHaveTextContent('its newest record is 3 h old');
  });

  it('flags stale health figures', async () => {
    await renderWithApis(<DataProductLiveContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getHealth: jest.fn(async () => makeHealth('2020-01-01T00:00:00.000Z')),
        getConsumers: jest.fn(async () => consumers),
        getSamples: jest.fn(async () => samples),
      }),
    });
    const observed = await screen.findByLabelText(
      /^\d+ weeks( \d+ days?)? ago \(2020-01-01T00:00:00\.000Z\)$/,
    );
    expect(observed.closest('[role="alert"]')).toHaveTextContent(
      /^These figures were observed \d+ weeks( \d+ days?)? ago and may be stale\.$/,
    );
  });

  it('explains the missing permission on 403 for samples', async () => {
    const forbidden = await responseError(403, 'forbidden');
    await renderWithApis(<DataProductLiveContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getHealth: jest.fn(async () => makeHealth()),
        getConsumers: jest.fn(async () => consumers),
        getSamples: jest.fn(() => Promise.reject(forbidden)),
      }),
    });
    expect(
      await screen.findByText(
        /you need permission datamesh\.product\.samples\.read/i,
      ),
    ).toBeInTheDocument();
    // the rest of the tab still works
    expect(screen.getByText('At risk')).toBeInTheDocument();
  });

  it('shows other errors per section', async () => {
    const boom = await responseError(503, 'Kafka unreachable');
    await renderWithApis(<DataProductLiveContent />, {
      entity: ordersPlaced,
      dataMeshApi: mockDataMeshApi({
        getHealth: jest.fn(() => Promise.reject(boom)),
        getConsumers: jest.fn(async () => consumers),
        getSamples: jest.fn(async () => samples),
      }),
    });
    expect(
      await screen.findByText(/Could not read the topic's health/),
    ).toBeInTheDocument();
    expect(await screen.findByText('shipping-consumer')).toBeInTheDocument();
  });
});
