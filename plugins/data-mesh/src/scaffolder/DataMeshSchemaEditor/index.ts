import {
  DataMeshSchemaEditor,
  DataMeshSchemaEditorFieldSchema,
  validateSchemaText,
} from './DataMeshSchemaEditor';

export {
  DataMeshSchemaEditor,
  DataMeshSchemaEditorFieldSchema,
  validateSchemaText,
};

/** `ui:field: DataMeshSchemaEditor` */
export const dataMeshSchemaEditorField = {
  name: 'DataMeshSchemaEditor',
  component: DataMeshSchemaEditor,
  validation: validateSchemaText,
  schema: DataMeshSchemaEditorFieldSchema,
};
