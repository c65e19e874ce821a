import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  CandidateStream,
  OUTPUT_FORMATS,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { dataMeshApiRef } from '../../api';
import { SCHEMA_LABELS } from '../DataMeshSchemaEditor/checkSchemaSyntax';

/**
 * The value of the field: the chosen stream and how its registered schema is
 * written, as the catalog module read it from the registry.
 *
 * @public
 */
export const DataMeshCandidateStreamPickerFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      cluster: z.string(),
      topic: z.string(),
      subject: z.string(),
      format: z.enum(OUTPUT_FORMATS),
    }),
});

type Props = typeof DataMeshCandidateStreamPickerFieldSchema.TProps;

const keyOf = (stream: { cluster: string; topic: string }) =>
  `${stream.cluster}/${stream.topic}`;

/**
 * A topic with a registered value schema that is not a data product yet, as
 * the catalog module lists them, to be published as a product.
 *
 * @public
 */
export function DataMeshCandidateStreamPicker(props: Props) {
  const {
    formData,
    onChange,
    schema: { title = 'Stream', description },
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const api = useApi(dataMeshApiRef);
  const { value, loading, error } = useAsync(
    () => api.getCandidateStreams(),
    [api],
  );
  const streams = value?.items ?? [];

  const choose = (stream: CandidateStream | undefined) =>
    onChange(
      stream
        ? {
            cluster: stream.cluster,
            topic: stream.topic,
            subject: stream.subject,
            format: stream.format,
          }
        : undefined,
    );

  let helperText = 'Topics with a registered value schema and no product yet.';
  if (error) {
    helperText = `Could not load the candidate streams: ${error.message}`;
  } else if (value && streams.length === 0) {
    helperText =
      'No candidate streams: every topic with a registered schema is already a data product.';
  }
  const id = idSchema?.$id ?? 'data-mesh-candidate-stream';

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? description}
      required={required}
      disabled={disabled}
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <TextField
          select
          id={id}
          label={title}
          value={formData ? keyOf(formData) : ''}
          onChange={e =>
            choose(streams.find(stream => keyOf(stream) === e.target.value))
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          margin="dense"
          required={required}
          disabled={disabled || loading}
          error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
          helperText={helperText}
          style={{ flex: 3, minWidth: 320 }}
        >
          <option value="">
            {loading ? 'Loading streams…' : 'Choose a stream'}
          </option>
          {streams.map(stream => (
            <option key={keyOf(stream)} value={keyOf(stream)}>
              {`${stream.topic} (cluster ${stream.cluster}, subject ${stream.subject})`}
            </option>
          ))}
        </TextField>
        {/* Read-only: the registry decides the format, not the user. */}
        <TextField
          id={`${id}-format`}
          label="Schema format"
          value={formData ? SCHEMA_LABELS[formData.format] : ''}
          InputProps={{ readOnly: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          margin="dense"
          disabled={disabled}
          helperText="How the registered schema is written."
          style={{ flex: 1, minWidth: 180 }}
        />
      </Box>
    </ScaffolderField>
  );
}
