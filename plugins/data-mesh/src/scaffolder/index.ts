export * from './DataMeshSchemaEditor';
export * from './DataMeshInputsPicker';
export * from './DataMeshCandidateStreamPicker';
