import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { SlaTable, SlaWarningsAlert } from '../../components/common';
import { formDataOf, siblingValue } from '../siblingValue';
import { SlaPreview, previewEffectiveSla } from './previewEffectiveSla';

/**
 * The value (entity refs of the inputs) and `ui:options` of the field.
 *
 * @public
 */
export const DataMeshInputsPickerFieldSchema = makeFieldSchema({
  output: z => z.array(z.string()),
  uiOptions: z =>
    z.object({
      slaField: z
        .string()
        .optional()
        .describe(
          'Name of the field holding the declared SLA object; default `sla`',
        ),
    }),
});

type Props = typeof DataMeshInputsPickerFieldSchema.TProps;

// Only what the picker shows and the weakest-link rule reads: the rule walks
// inputs of inputs, so every product's SLA and inputs are needed, but not
// the rest of the entities.
const PRODUCT_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.inputs',
  'spec.sla',
];

function titleOf(product: DataProductEntity): string {
  return product.metadata.title ?? product.metadata.name;
}

function Preview({ preview }: { preview: SlaPreview }) {
  const limiting = [...new Set(Object.values(preview.limitedBy))];
  return (
    <Box mt={2} role="region" aria-label="Effective SLA preview">
      <Typography variant="subtitle2">
        Effective SLA of the new product
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        A product can only promise what its weakest input promises.
      </Typography>
      <SlaTable
        declared={preview.declared}
        effective={preview.effective}
        limitedBy={preview.limitedBy}
        emptyLabel="—"
      />
      {preview.warnings.length > 0 && (
        <Box mt={1}>
          <SlaWarningsAlert
            title="The declared SLA is better than the inputs allow"
            limitedBy={limiting}
            warnings={preview.warnings}
          >
            Lower the declared SLA or choose stronger inputs.
          </SlaWarningsAlert>
        </Box>
      )}
      {!preview.complete && (
        <Box mt={1}>
          <Alert severity="info">
            Declare the tier, availability, freshness and support hours to check
            the SLA against the inputs.
          </Alert>
        </Box>
      )}
      {preview.missingInputs.length > 0 && (
        <Box mt={1}>
          <Alert severity="info">
            Not in the catalog, not counted: {preview.missingInputs.join(', ')}
          </Alert>
        </Box>
      )}
    </Box>
  );
}

/**
 * The data products the new product is built from, with a live preview of
 * the effective SLA they leave it (the weakest-link rule), compared with the
 * SLA declared elsewhere in the form.
 *
 * @public
 */
export function DataMeshInputsPicker(props: Props) {
  const {
    formData,
    onChange,
    schema: { title = 'Inputs', description },
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
    formContext,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const {
    value: products,
    loading,
    error,
  } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: DATA_PRODUCT_KIND },
      fields: PRODUCT_FIELDS,
    });
    return items
      .filter(isDataProductEntity)
      .sort((a, b) => titleOf(a).localeCompare(titleOf(b)));
  }, [catalogApi]);

  const byRef = useMemo(
    () => new Map((products ?? []).map(p => [stringifyEntityRef(p), p])),
    [products],
  );
  const declaredSla = siblingValue(
    formDataOf(formContext),
    uiSchema?.['ui:options']?.slaField ?? 'sla',
  );
  const preview = useMemo(
    () =>
      products && previewEffectiveSla(products, formData ?? [], declaredSla),
    [products, formData, declaredSla],
  );
  const labelOf = (ref: string) => {
    const product = byRef.get(ref);
    return product ? titleOf(product) : ref;
  };

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? description}
      required={required}
      disabled={disabled}
    >
      <Autocomplete<string, true>
        multiple
        filterSelectedOptions
        id={idSchema?.$id}
        options={[...byRef.keys()]}
        value={formData ?? []}
        loading={loading}
        disabled={disabled}
        onChange={(_event, refs) => onChange(refs)}
        getOptionLabel={labelOf}
        renderOption={ref => (
          <Box>
            <Typography variant="body2">{labelOf(ref)}</Typography>
            <Typography variant="caption" color="textSecondary">
              {ref} · {byRef.get(ref)?.spec.sla?.tier}
            </Typography>
          </Box>
        )}
        renderInput={params => (
          <TextField
            {...params}
            label={title}
            variant="outlined"
            margin="dense"
            required={required && !formData?.length}
            error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
            helperText={
              error
                ? `Could not load the data products: ${error.message}`
                : undefined
            }
          />
        )}
      />
      {preview && <Preview preview={preview} />}
    </ScaffolderField>
  );
}
