import { useState } from 'react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import {
  DataMeshSchemaEditor,
  validateSchemaText,
} from './DataMeshSchemaEditor';
import { starterSchema } from './starterSchemas';

type Props = Parameters<typeof DataMeshSchemaEditor>[0];

/** The editor in a form that keeps its value, as the scaffolder does. */
function Form(props: {
  formData: Record<string, unknown>;
  initial?: string;
  formatField?: string;
  templateDefault?: string;
}) {
  const [value, setValue] = useState(props.initial);
  const fieldProps = {
    formData: value,
    onChange: setValue,
    schema: {
      title: 'Schema',
      description: 'The value schema',
      default: props.templateDefault,
    },
    uiSchema: { 'ui:options': { formatField: props.formatField } },
    idSchema: { $id: 'root_schema' },
    formContext: { formData: props.formData },
    rawErrors: [],
    required: true,
  } as unknown as Props;
  return <DataMeshSchemaEditor {...fieldProps} />;
}

const editor = () => screen.getByRole('textbox') as HTMLTextAreaElement;

describe('DataMeshSchemaEditor', () => {
  it('starts from the starter of the chosen format and follows format changes', async () => {
    const { rerender } = await renderInTestApp(
      <Form formData={{ format: 'json' }} />,
    );
    expect(editor().value).toBe(starterSchema('json'));
    expect(screen.getByLabelText(/Schema · JSON Schema/)).toBe(editor());
    expect(editor().style.fontFamily).toBe('monospace');

    rerender(<Form formData={{ format: 'protobuf' }} />);
    expect(editor().value).toBe(starterSchema('protobuf'));
    expect(
      screen.getByText(
        /checks the Protobuf schema when the product is created/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps a schema the owner wrote when the format changes', async () => {
    const own = '{"type": "string"}';
    const { rerender } = await renderInTestApp(
      <Form formData={{ format: 'avro' }} initial={own} />,
    );
    rerender(<Form formData={{ format: 'json' }} initial={own} />);
    expect(editor().value).toBe(own);
  });

  it("keeps the template's default until the format changes", async () => {
    const templateDefault = '{"type": "record", "name": "T", "fields": []}';
    const { rerender } = await renderInTestApp(
      <Form
        formData={{ format: 'avro' }}
        initial={templateDefault}
        templateDefault={templateDefault}
      />,
    );
    expect(editor().value).toBe(templateDefault);
    rerender(
      <Form
        formData={{ format: 'json' }}
        initial={templateDefault}
        templateDefault={templateDefault}
      />,
    );
    expect(editor().value).toBe(starterSchema('json'));
  });

  it('leaves a schema the owner cleared empty', async () => {
    await renderInTestApp(<Form formData={{ format: 'avro' }} />);
    fireEvent.change(editor(), { target: { value: '' } });
    expect(editor().value).toBe('');
  });

  it('reads the format from the field named by ui:options.formatField', async () => {
    await renderInTestApp(
      <Form
        formData={{ format: 'avro', valueFormat: 'json' }}
        formatField="valueFormat"
      />,
    );
    expect(editor().value).toBe(starterSchema('json'));
  });

  it('shows JSON syntax errors with line and column while typing', async () => {
    await renderInTestApp(<Form formData={{ format: 'avro' }} />);
    expect(screen.getByText(/^Valid JSON\./)).toBeInTheDocument();
    fireEvent.change(editor(), {
      target: { value: '{\n  "type": "record",\n  "name": Order\n}' },
    });
    expect(
      screen.getByText(
        "Invalid Avro schema at line 3, column 11: expected a value but found 'Order' (strings need double quotes)",
      ),
    ).toBeInTheDocument();
    expect(editor()).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('validateSchemaText', () => {
  async function validate(
    text: string,
    formData: Record<string, unknown>,
    formatField?: string,
  ) {
    const validation = createFieldValidation();
    await validateSchemaText(text, validation, {
      apiHolder: { get: () => undefined },
      formData: formData as any,
      schema: {},
      uiSchema: { 'ui:options': { formatField } },
    });
    return validation.__errors;
  }

  it('rejects unparsable JSON-based schemas', async () => {
    expect(await validate('{"type": }', { format: 'json' })).toEqual([
      "Invalid JSON Schema at line 1, column 10: expected a value but found '}'",
    ]);
    expect(
      await validate('{"type": }', { schemaFormat: 'avro' }, 'schemaFormat'),
    ).toEqual([
      "Invalid Avro schema at line 1, column 10: expected a value but found '}'",
    ]);
  });

  it('accepts parsable schemas and leaves Protobuf to the backend', async () => {
    expect(await validate('{"type": "string"}', { format: 'avro' })).toEqual(
      [],
    );
    expect(await validate('message {', { format: 'protobuf' })).toEqual([]);
  });
});
