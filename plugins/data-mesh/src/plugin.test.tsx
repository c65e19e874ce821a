import { screen } from '@testing-library/react';
import {
  EntityDataProductLiveContent,
  EntityDataProductOverviewCard,
  EntityDataProductSchemaContent,
} from './plugin';
import { mockDataMeshApi, renderWithApis } from './__testUtils__';
import { ordersPlaced } from './__fixtures__/dataProducts';
import {
  consumers,
  makeHealth,
  samples,
  schemaDiff2to3,
  schemaVersion3,
  schemaVersions,
} from './__fixtures__/apiResponses';

// The legacy frontend system: the extensions `createPlugin` exports, in a
// legacy test app (renderInTestApp), as an app on the old system uses them.
describe('legacy plugin exports', () => {
  const api = () =>
    mockDataMeshApi({
      getSchemaVersions: jest.fn(async () => schemaVersions),
      getSchemaVersion: jest.fn(async () => schemaVersion3),
      getSchemaDiff: jest.fn(async () => schemaDiff2to3),
      getHealth: jest.fn(async () => makeHealth()),
      getConsumers: jest.fn(async () => consumers),
      getSamples: jest.fn(async () => samples),
    });

  it('renders the overview card, the schema and the live content of a product', async () => {
    await renderWithApis(
      <>
        <EntityDataProductOverviewCard />
        <EntityDataProductSchemaContent />
        <EntityDataProductLiveContent />
      </>,
      { entity: ordersPlaced, dataMeshApi: api() },
    );
    expect(await screen.findByText('Data product')).toBeInTheDocument();
    expect(
      (await screen.findAllByText('customer.email')).length,
    ).toBeGreaterThan(0);
    expect(
      await screen.findByText('Freshness and throughput'),
    ).toBeInTheDocument();
  });
});
