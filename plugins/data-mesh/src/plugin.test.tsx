import { screen } from '@testing-library/react';
import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  DataMeshCandidateStreamPickerFieldExtension,
  DataMeshInputsPickerFieldExtension,
  DataMeshSchemaEditorFieldExtension,
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

describe('legacy scaffolder field extensions', () => {
  function FieldNames() {
    const fields = useCustomFieldExtensions(
      <ScaffolderFieldExtensions>
        <DataMeshSchemaEditorFieldExtension />
        <DataMeshInputsPickerFieldExtension />
        <DataMeshCandidateStreamPickerFieldExtension />
      </ScaffolderFieldExtensions>,
    );
    return (
      <ul>
        {fields.map(field => (
          <li key={field.name}>
            {field.name}:{field.validation ? 'validated' : 'unvalidated'}:
            {JSON.stringify(field.schema?.returnValue)}
          </li>
        ))}
      </ul>
    );
  }

  it('are found by the scaffolder under their ui:field names', async () => {
    await renderInTestApp(<FieldNames />);
    const items = screen.getAllByRole('listitem').map(li => li.textContent);
    expect(items).toEqual([
      expect.stringMatching(
        /^DataMeshSchemaEditor:validated:.*"type":"string"/,
      ),
      expect.stringMatching(
        /^DataMeshInputsPicker:unvalidated:.*"type":"array"/,
      ),
      expect.stringMatching(
        /^DataMeshCandidateStreamPicker:unvalidated:.*"required":\["cluster","topic","subject","format"\]/,
      ),
    ]);
  });
});
