import { useEffect, useRef } from 'react';
import {
  CustomFieldValidator,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import TextField from '@material-ui/core/TextField';
import { formDataOf, siblingValue } from '../siblingValue';
import {
  SCHEMA_LABELS,
  checkSchemaSyntax,
  isJsonBasedFormat,
  schemaFormatOf,
} from './checkSchemaSyntax';
import { isUntouchedSchema, starterSchema } from './starterSchemas';

/**
 * The value (the schema text) and `ui:options` of the field.
 *
 * @public
 */
export const DataMeshSchemaEditorFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      formatField: z
        .string()
        .optional()
        .describe(
          'Name of the field holding the format (avro, json or protobuf); default `format`',
        ),
    }),
});

type Props = typeof DataMeshSchemaEditorFieldSchema.TProps;
type UiOptions = NonNullable<Props['uiSchema']['ui:options']>;

function formatFieldOf(uiOptions: UiOptions | undefined): string {
  return uiOptions?.formatField ?? 'format';
}

/**
 * The schema of the product's output topic, edited as text in the format
 * chosen elsewhere in the form. Starts from an example schema, and checks
 * JSON-based schemas as the owner types.
 *
 * @public
 */
export function DataMeshSchemaEditor(props: Props) {
  const {
    formData,
    onChange,
    schema: { title = 'Schema', description, default: templateDefault },
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
    formContext,
  } = props;
  const format = schemaFormatOf(
    siblingValue(
      formDataOf(formContext),
      formatFieldOf(uiSchema?.['ui:options']),
    ),
  );

  // Start from the example of the chosen format when there is no schema
  // yet, and swap it when the format changes for as long as the owner has
  // not written a schema of their own (the template's default counts as not
  // written). A schema the owner cleared is left empty.
  const previousFormat = useRef<OutputFormat>();
  useEffect(() => {
    const mounting = previousFormat.current === undefined;
    const formatChanged = !mounting && previousFormat.current !== format;
    previousFormat.current = format;
    const untouched =
      isUntouchedSchema(formData) || formData === templateDefault;
    if ((mounting && !formData?.trim()) || (formatChanged && untouched)) {
      onChange(starterSchema(format));
    }
  }, [format, formData, onChange, templateDefault]);

  const text = formData ?? '';
  const syntaxError = checkSchemaSyntax(format, text);
  let helperText: string;
  if (syntaxError) {
    helperText = syntaxError;
  } else if (isJsonBasedFormat(format)) {
    helperText = `Valid JSON. The schema registry checks the ${SCHEMA_LABELS[format]} itself when the product is created.`;
  } else {
    helperText =
      'The schema registry checks the Protobuf schema when the product is created.';
  }

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? description}
      required={required}
      disabled={disabled}
    >
      <TextField
        id={idSchema?.$id}
        label={`${title} · ${SCHEMA_LABELS[format]}`}
        value={text}
        onChange={e => onChange(e.target.value)}
        required={required}
        disabled={disabled}
        error={Boolean(syntaxError) || (rawErrors?.length ?? 0) > 0}
        helperText={helperText}
        multiline
        minRows={12}
        maxRows={30}
        fullWidth
        variant="outlined"
        margin="dense"
        inputProps={{
          spellCheck: false,
          style: { fontFamily: 'monospace', fontSize: 13 },
        }}
      />
    </ScaffolderField>
  );
}

/** Refuses to leave the page with a JSON-based schema that does not parse. */
export const validateSchemaText: CustomFieldValidator<string, UiOptions> = (
  text,
  validation,
  context,
) => {
  const format = schemaFormatOf(
    siblingValue(
      context.formData,
      formatFieldOf(context.uiSchema?.['ui:options']),
    ),
  );
  const error = checkSchemaSyntax(format, text ?? '');
  if (error) {
    validation.addError(error);
  }
};
