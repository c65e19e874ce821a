import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { candidateStreams } from '../../__fixtures__/apiResponses';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { DataMeshCandidateStreamPicker } from './DataMeshCandidateStreamPicker';

type Props = Parameters<typeof DataMeshCandidateStreamPicker>[0];

function Form(props: { onValue: (value: unknown) => void }) {
  const [value, setValue] = useState<Props['formData']>();
  const fieldProps = {
    formData: value,
    onChange: (next: Props['formData']) => {
      setValue(next);
      props.onValue(next);
    },
    schema: { title: 'Stream' },
    uiSchema: {},
    idSchema: { $id: 'root_stream' },
    formContext: { formData: {} },
    rawErrors: [],
    required: true,
  } as unknown as Props;
  return <DataMeshCandidateStreamPicker {...fieldProps} />;
}

describe('DataMeshCandidateStreamPicker', () => {
  it('offers the candidate streams and returns the chosen one with its registered format', async () => {
    const onValue = jest.fn();
    const dataMeshApi = mockDataMeshApi({
      getCandidateStreams: jest.fn(async () => candidateStreams),
    });
    await renderWithApis(<Form onValue={onValue} />, { dataMeshApi });
    const stream = await screen.findByLabelText(/Stream/);
    await waitFor(() => expect(stream).toBeEnabled());
    const format = screen.getByLabelText('Schema format');
    expect(format).toHaveAttribute('readonly');
    expect(format).toHaveValue('');

    await userEvent.selectOptions(stream, 'analytics/marketing.clicks.v1');
    expect(onValue).toHaveBeenLastCalledWith({
      cluster: 'analytics',
      topic: 'marketing.clicks.v1',
      subject: 'marketing.clicks.v1-value',
      format: 'json',
    });
    expect(format).toHaveValue('JSON Schema');

    await userEvent.selectOptions(stream, 'local/commerce.carts-abandoned.v1');
    expect(onValue).toHaveBeenLastCalledWith({
      cluster: 'local',
      topic: 'commerce.carts-abandoned.v1',
      subject: 'commerce.carts-abandoned.v1-value',
      format: 'avro',
    });
    expect(format).toHaveValue('Avro schema');

    await userEvent.selectOptions(stream, '');
    expect(onValue).toHaveBeenLastCalledWith(undefined);
    expect(format).toHaveValue('');
    expect(dataMeshApi.getCandidateStreams).toHaveBeenCalledTimes(1);
  });

  it('says when there is no candidate', async () => {
    await renderWithApis(<Form onValue={jest.fn()} />);
    expect(
      await screen.findByText(/No candidate streams: every topic/),
    ).toBeInTheDocument();
  });

  it('shows why the streams could not be loaded', async () => {
    const boom = await responseError(503, 'catalog module unavailable');
    await renderWithApis(<Form onValue={jest.fn()} />, {
      dataMeshApi: mockDataMeshApi({
        getCandidateStreams: jest.fn(() => Promise.reject(boom)),
      }),
    });
    expect(
      await screen.findByText(/Could not load the candidate streams/),
    ).toBeInTheDocument();
  });
});
