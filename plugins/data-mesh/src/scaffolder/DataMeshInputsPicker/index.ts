import {
  DataMeshInputsPicker,
  DataMeshInputsPickerFieldSchema,
} from './DataMeshInputsPicker';

export { DataMeshInputsPicker, DataMeshInputsPickerFieldSchema };

/** `ui:field: DataMeshInputsPicker` */
export const dataMeshInputsPickerField = {
  name: 'DataMeshInputsPicker',
  component: DataMeshInputsPicker,
  schema: DataMeshInputsPickerFieldSchema,
};
