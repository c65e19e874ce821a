import {
  DataMeshCandidateStreamPicker,
  DataMeshCandidateStreamPickerFieldSchema,
} from './DataMeshCandidateStreamPicker';

export {
  DataMeshCandidateStreamPicker,
  DataMeshCandidateStreamPickerFieldSchema,
};

/** `ui:field: DataMeshCandidateStreamPicker` */
export const dataMeshCandidateStreamPickerField = {
  name: 'DataMeshCandidateStreamPicker',
  component: DataMeshCandidateStreamPicker,
  schema: DataMeshCandidateStreamPickerFieldSchema,
};
